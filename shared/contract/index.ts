export * from './requests';
export * from './events';
export * from './result';
export * from './types';
export * from './protocol';
export * from './bridge';
export * from './scanning';
export * from './counts';
