// Word lists the demo warehouse's catalogue is drawn from: a food and household
// distributor's range, bilingual, with real-looking specs and case packs.
export type DemoItem = { zh: string; en: string; specs: [string, number, number][] };
export type DemoCategory = { zh: string; en: string; brands: [string, string][]; items: DemoItem[] };

// specs: [spec text, case pack, unit cost in fen]
export const demoCategories: DemoCategory[] = [
  {
    zh: '饮料',
    en: 'Beverages',
    brands: [
      ['农夫山泉', 'Nongfu'],
      ['怡宝', "C'estbon"],
      ['娃哈哈', 'Wahaha'],
      ['康师傅', 'Master Kong'],
      ['统一', 'Uni-President'],
      ['王老吉', 'Wong Lo Kat'],
      ['可口可乐', 'Coca-Cola'],
      ['百事', 'Pepsi'],
    ],
    items: [
      {
        zh: '饮用天然水',
        en: 'Natural water',
        specs: [
          ['550ml', 24, 95],
          ['1.5L', 12, 210],
          ['4L', 6, 580],
        ],
      },
      {
        zh: '冰红茶',
        en: 'Iced black tea',
        specs: [
          ['500ml', 15, 240],
          ['1L', 12, 380],
        ],
      },
      {
        zh: '绿茶',
        en: 'Green tea',
        specs: [
          ['500ml', 15, 240],
          ['1L', 12, 380],
        ],
      },
      {
        zh: '橙汁',
        en: 'Orange juice',
        specs: [
          ['450ml', 15, 310],
          ['1.25L', 6, 720],
        ],
      },
      {
        zh: '凉茶',
        en: 'Herbal tea',
        specs: [
          ['310ml罐', 24, 260],
          ['500ml', 15, 330],
        ],
      },
      {
        zh: '碳酸饮料',
        en: 'Soda',
        specs: [
          ['330ml罐', 24, 190],
          ['2L', 6, 560],
        ],
      },
    ],
  },
  {
    zh: '乳制品',
    en: 'Dairy',
    brands: [
      ['伊利', 'Yili'],
      ['蒙牛', 'Mengniu'],
      ['光明', 'Bright'],
      ['君乐宝', 'Junlebao'],
    ],
    items: [
      {
        zh: '纯牛奶',
        en: 'Whole milk',
        specs: [
          ['250ml', 24, 230],
          ['1L', 12, 980],
        ],
      },
      {
        zh: '酸奶',
        en: 'Yogurt',
        specs: [
          ['200g', 16, 350],
          ['1kg', 6, 1380],
        ],
      },
      { zh: '早餐奶', en: 'Breakfast milk', specs: [['250ml', 24, 260]] },
      { zh: '高钙奶', en: 'High-calcium milk', specs: [['250ml', 24, 270]] },
    ],
  },
  {
    zh: '方便食品',
    en: 'Instant food',
    brands: [
      ['康师傅', 'Master Kong'],
      ['统一', 'Uni-President'],
      ['今麦郎', 'Jinmailang'],
      ['白象', 'Baixiang'],
      ['娃哈哈', 'Wahaha'],
    ],
    items: [
      {
        zh: '红烧牛肉面',
        en: 'Braised beef noodles',
        specs: [
          ['袋装', 24, 190],
          ['桶装', 12, 360],
          ['五连包', 6, 880],
        ],
      },
      {
        zh: '老坛酸菜面',
        en: 'Pickled cabbage noodles',
        specs: [
          ['袋装', 24, 190],
          ['桶装', 12, 360],
        ],
      },
      {
        zh: '香辣牛肉面',
        en: 'Spicy beef noodles',
        specs: [
          ['袋装', 24, 190],
          ['桶装', 12, 360],
        ],
      },
      { zh: '八宝粥', en: 'Mixed congee', specs: [['360g', 12, 350]] },
    ],
  },
  {
    zh: '零食',
    en: 'Snacks',
    brands: [
      ['旺旺', 'Want Want'],
      ['达利园', 'Daliyuan'],
      ['好丽友', 'Orion'],
      ['乐事', "Lay's"],
      ['上好佳', 'Oishi'],
      ['奥利奥', 'Oreo'],
    ],
    items: [
      {
        zh: '薯片',
        en: 'Potato chips',
        specs: [
          ['70g', 22, 520],
          ['135g', 12, 890],
        ],
      },
      {
        zh: '饼干',
        en: 'Biscuits',
        specs: [
          ['100g', 24, 420],
          ['300g', 12, 1050],
        ],
      },
      {
        zh: '雪饼',
        en: 'Rice crackers',
        specs: [
          ['84g', 24, 380],
          ['520g', 8, 1990],
        ],
      },
      {
        zh: '蛋黄派',
        en: 'Custard pie',
        specs: [
          ['6枚', 12, 1150],
          ['12枚', 8, 2100],
        ],
      },
      { zh: '夹心面包', en: 'Cream bread', specs: [['60g', 30, 180]] },
    ],
  },
  {
    zh: '调味品',
    en: 'Condiments',
    brands: [
      ['海天', 'Haday'],
      ['李锦记', 'Lee Kum Kee'],
      ['厨邦', 'Chubang'],
      ['恒顺', 'Hengshun'],
      ['太太乐', 'Totole'],
    ],
    items: [
      {
        zh: '生抽',
        en: 'Light soy sauce',
        specs: [
          ['500ml', 12, 650],
          ['1.9L', 6, 1980],
        ],
      },
      { zh: '老抽', en: 'Dark soy sauce', specs: [['500ml', 12, 690]] },
      {
        zh: '蚝油',
        en: 'Oyster sauce',
        specs: [
          ['260g', 24, 590],
          ['700g', 12, 1290],
        ],
      },
      { zh: '料酒', en: 'Cooking wine', specs: [['500ml', 12, 480]] },
      { zh: '香醋', en: 'Aromatic vinegar', specs: [['500ml', 12, 520]] },
      {
        zh: '鸡精',
        en: 'Chicken bouillon',
        specs: [
          ['200g', 20, 780],
          ['454g', 12, 1580],
        ],
      },
    ],
  },
  {
    zh: '粮油',
    en: 'Grain & oil',
    brands: [
      ['金龙鱼', 'Arawana'],
      ['福临门', 'Fortune'],
      ['鲁花', 'Luhua'],
      ['五得利', 'Wudeli'],
    ],
    items: [
      {
        zh: '调和油',
        en: 'Blended oil',
        specs: [
          ['1.8L', 6, 2980],
          ['5L', 4, 6980],
        ],
      },
      {
        zh: '花生油',
        en: 'Peanut oil',
        specs: [
          ['900ml', 12, 2580],
          ['5L', 4, 13800],
        ],
      },
      {
        zh: '大米',
        en: 'Rice',
        specs: [
          ['5kg', 4, 3680],
          ['10kg', 2, 6980],
        ],
      },
      {
        zh: '面粉',
        en: 'Flour',
        specs: [
          ['1kg', 10, 690],
          ['5kg', 4, 2980],
        ],
      },
    ],
  },
  {
    zh: '日化',
    en: 'Household',
    brands: [
      ['立白', 'Liby'],
      ['蓝月亮', 'Bluemoon'],
      ['雕牌', 'Diaopai'],
      ['超能', 'Super'],
      ['舒肤佳', 'Safeguard'],
      ['威露士', 'Walch'],
    ],
    items: [
      {
        zh: '洗衣液',
        en: 'Laundry liquid',
        specs: [
          ['1kg', 12, 1590],
          ['3kg', 4, 3980],
        ],
      },
      {
        zh: '洗洁精',
        en: 'Dish soap',
        specs: [
          ['500g', 20, 520],
          ['1.5kg', 8, 1290],
        ],
      },
      { zh: '洗衣粉', en: 'Washing powder', specs: [['1.5kg', 8, 1480]] },
      {
        zh: '香皂',
        en: 'Soap bar',
        specs: [
          ['115g', 72, 390],
          ['三块装', 24, 1050],
        ],
      },
      { zh: '洗手液', en: 'Hand wash', specs: [['300ml', 24, 990]] },
    ],
  },
];

/** Variants multiply the range as a distributor's catalogue does (flavours, promotions). */
export const demoVariants: [string, string][] = [
  ['', ''],
  ['(促销装)', ' (promo pack)'],
  ['(新包装)', ' (new pack)'],
  ['(家庭装)', ' (family pack)'],
  ['(礼盒)', ' (gift box)'],
];

export const demoAreas: [string, string][] = [
  ['天河', 'TH'],
  ['越秀', 'YX'],
  ['海珠', 'HZ'],
  ['荔湾', 'LW'],
  ['白云', 'BY'],
  ['番禺', 'PY'],
  ['黄埔', 'HP'],
  ['花都', 'HD'],
];

export const demoSurnames = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
];
export const demoGivenNames = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
  '志强',
  '海燕',
];
export const demoShopKinds = ['便利店', '超市', '商行', '食杂店', '批发部', '餐厅'];
