// The complaint register 顾客投诉登记表 (issue 16 §1): each step from the state
// before it only and by its role, who and when recorded and audited; wrong
// roles, skipped steps, a link to another customer's order and the
// resolver's own follow-up refused with typed errors that write nothing.
import { afterEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../electron/core/context';
import { call, newKey, password, refusal } from '../fixtures';
import { orderWarehouse, type OrderWarehouse } from '../orders/orderFixtures';

let ow: OrderWarehouse;
afterEach(async () => ow?.w.core.close());

async function setup() {
  ow = await orderWarehouse();
  const supervisor = await ow.w.as('supervisor');
  // A second CS operator: the follow-up is made by someone other than the resolver.
  await call(ow.w.core, ow.w.admin, 'users.create', {
    username: 'op2',
    displayName: '客服二',
    roles: ['operator'],
    password,
  });
  const op2 = ow.w.core.newCaller('op2');
  await call(ow.w.core, op2, 'auth.login', { username: 'op2', secret: password });
  return { supervisor, op2 };
}

const register = (caller: Caller, extra: Record<string, unknown> = {}) =>
  call(ow.w.core, caller, 'complaints.register', {
    customerId: ow.customer('C001'),
    channel: 'phone',
    content: '送货晚了两个小时',
    category: 'deliveryLate',
    idempotencyKey: newKey(),
    ...extra,
  });
const audits = async () => (await call(ow.w.core, ow.w.admin, 'audit.list', { offset: 0, limit: 1 })).total;

describe('complaint register', () => {
  it('runs received → judged → investigating → proposed → approved → resolved → confirmed → followed up → closed, each by its role', async () => {
    const { supervisor, op2 } = await setup();
    const { w, op, sales1, manager } = ow;
    const order = await ow.order({});
    const c = await register(sales1, { orderId: order.id });
    expect(c).toMatchObject({ state: 'received', complainant: '天河便利店', orderNumber: order.number, area: '天河' });
    expect(c.number).toMatch(/^TS-\d{8}-0001$/);
    expect(c.deadline).toMatchObject({ kind: 'response', status: 'onTime' });

    const id = c.id;
    expect((await call(w.core, op, 'complaints.judge', { complaintId: id, valid: true })).state).toBe('judged');
    const inv = await call(w.core, op, 'complaints.investigate', {
      complaintId: id,
      department: 'delivery',
      responsiblePerson: '司机 王师傅',
      cause: '车辆晚出发',
    });
    expect(inv).toMatchObject({ state: 'investigating', department: 'delivery', deadline: { kind: 'resolve' } });
    await call(w.core, op, 'complaints.propose', { complaintId: id, text: '致歉并赠送一箱' });
    const p = await call(w.core, manager, 'complaints.propose', { complaintId: id, text: '下次优先配送' });
    expect(p.solutions.map((s) => s.text)).toEqual(['致歉并赠送一箱', '下次优先配送']);
    const a = await call(w.core, supervisor, 'complaints.approve', {
      complaintId: id,
      solutionId: p.solutions[1]!.id,
      note: '同意',
    });
    expect(a.state).toBe('approved');
    expect(a.solutions.find((s) => s.approved)?.text).toBe('下次优先配送');
    expect(
      (await call(w.core, op, 'complaints.resolve', { complaintId: id, result: '已安排' })).deadline,
    ).toMatchObject({
      kind: 'resolve',
      status: 'met',
    });
    await call(w.core, sales1, 'complaints.confirm', { complaintId: id, note: '客户签字' });
    await call(w.core, op2, 'complaints.followUp', { complaintId: id, note: '客户满意' });
    const closed = await call(w.core, manager, 'complaints.close', { complaintId: id });
    expect(closed.state).toBe('closed');
    expect(closed.steps.map((s) => [s.step, s.by])).toEqual([
      ['registered', 'sales1'],
      ['judged', 'operator'],
      ['investigating', 'operator'],
      ['proposed', 'operator'],
      ['proposed', 'csManager'],
      ['approved', 'supervisor'],
      ['resolved', 'operator'],
      ['confirmed', 'sales1'],
      ['followedUp', '客服二'],
      ['closed', 'csManager'],
    ]);
  });

  it('refuses each step to the wrong role and out of order, writing nothing', async () => {
    const { supervisor } = await setup();
    const { w, op, keeper, sales1 } = ow;
    const c = await register(op);
    const before = await audits();
    const forbidden = async (caller: Caller, name: string, input: Record<string, unknown>) =>
      expect((await refusal(w.core, caller, name, { complaintId: c.id, ...input })).code).toBe('auth.forbidden');
    await forbidden(keeper, 'complaints.register', {});
    await forbidden(sales1, 'complaints.judge', { valid: true });
    await forbidden(sales1, 'complaints.investigate', { department: 'delivery' });
    await forbidden(op, 'complaints.approve', { solutionId: 1 });
    await forbidden(keeper, 'complaints.confirm', {});
    await forbidden(sales1, 'complaints.followUp', { note: 'x' });
    await forbidden(op, 'complaints.close', {});
    const wrong = async (caller: Caller, name: string, input: Record<string, unknown>) =>
      expect(await refusal(w.core, caller, name, { complaintId: c.id, ...input })).toMatchObject({
        code: 'complaints.wrongState',
        details: { number: c.number, state: 'received' },
      });
    await wrong(op, 'complaints.investigate', { department: 'delivery' });
    await wrong(op, 'complaints.propose', { text: 'x' });
    await wrong(supervisor, 'complaints.approve', { solutionId: 1 });
    await wrong(op, 'complaints.resolve', { result: 'x' });
    await wrong(op, 'complaints.confirm', {});
    await wrong(op, 'complaints.followUp', { note: 'x' });
    await wrong(supervisor, 'complaints.close', {});
    expect(await audits()).toBe(before);
    expect((await call(w.core, op, 'complaints.get', { complaintId: c.id })).state).toBe('received');
  });

  it('closes an invalid complaint with the reply given, and asks for that reply', async () => {
    await setup();
    const { w, op } = ow;
    const c = await register(op);
    expect((await refusal(w.core, op, 'complaints.judge', { complaintId: c.id, valid: false })).code).toBe(
      'complaints.replyRequired',
    );
    const judged = await call(w.core, op, 'complaints.judge', {
      complaintId: c.id,
      valid: false,
      reply: '经核实按约定时间送达，已向客户说明',
    });
    expect(judged).toMatchObject({ state: 'closed', valid: false, deadline: { kind: 'response', status: 'met' } });
    expect(judged.steps.map((s) => s.step)).toEqual(['registered', 'judged', 'closed']);
  });

  it('refuses an approval of a solution from another complaint and a follow-up by the resolver', async () => {
    const { supervisor, op2 } = await setup();
    const { w, op } = ow;
    const walk = async () => {
      const c = await register(op);
      await call(w.core, op, 'complaints.judge', { complaintId: c.id, valid: true });
      await call(w.core, op, 'complaints.investigate', { complaintId: c.id, department: 'warehouse' });
      return call(w.core, op, 'complaints.propose', { complaintId: c.id, text: '补发' });
    };
    const a = await walk();
    const b = await walk();
    expect(
      await refusal(w.core, supervisor, 'complaints.approve', { complaintId: a.id, solutionId: b.solutions[0]!.id }),
    ).toMatchObject({ code: 'complaints.unknownSolution', details: { number: a.number } });
    await call(w.core, supervisor, 'complaints.approve', { complaintId: a.id, solutionId: a.solutions[0]!.id });
    await call(w.core, op, 'complaints.resolve', { complaintId: a.id, result: '已补发' });
    await call(w.core, op, 'complaints.confirm', { complaintId: a.id });
    const before = await audits();
    expect(await refusal(w.core, op, 'complaints.followUp', { complaintId: a.id, note: '满意' })).toMatchObject({
      code: 'complaints.ownResolution',
    });
    expect(await audits()).toBe(before);
    expect((await call(w.core, op2, 'complaints.followUp', { complaintId: a.id, note: '满意' })).state).toBe(
      'followedUp',
    );
  });

  it("refuses a link to another customer's order, and registers a caller not yet a customer", async () => {
    await setup();
    const { w, op } = ow;
    const other = await ow.order({ customerCode: 'C002' });
    const before = await audits();
    expect(
      await refusal(w.core, op, 'complaints.register', {
        customerId: ow.customer('C001'),
        channel: 'phone',
        content: '少了一箱',
        category: 'shortDelivery',
        orderId: other.id,
        idempotencyKey: newKey(),
      }),
    ).toMatchObject({ code: 'complaints.orderOfOtherCustomer', details: { number: other.number } });
    expect(
      await refusal(w.core, op, 'complaints.register', {
        channel: 'visit',
        content: '服务态度差',
        category: 'serviceAttitude',
        idempotencyKey: newKey(),
      }),
    ).toMatchObject({ code: 'complaints.noComplainant' });
    expect(await audits()).toBe(before);
    const caller = await register(op, { customerId: undefined, callerName: '李先生', callerPhone: '13800000000' });
    expect(caller).toMatchObject({ complainant: '李先生', customerId: null, callerPhone: '13800000000' });
  });

  it('lets the manager retire a category, which new complaints may then not use', async () => {
    await setup();
    const { w, op, manager } = ow;
    await call(w.core, manager, 'complaints.saveCategory', {
      code: 'priceBilling',
      nameZh: '价格/账单',
      nameEn: 'Price / billing',
      active: false,
    });
    expect(
      (
        await refusal(w.core, op, 'complaints.register', {
          callerName: 'x',
          channel: 'phone',
          content: '多收钱',
          category: 'priceBilling',
          idempotencyKey: newKey(),
        })
      ).code,
    ).toBe('complaints.categoryRetired');
    expect(
      (
        await refusal(w.core, manager, 'complaints.saveCategory', {
          code: 'other',
          nameZh: '其他',
          nameEn: 'Other',
          active: false,
        })
      ).code,
    ).toBe('complaints.otherStays');
  });
});
