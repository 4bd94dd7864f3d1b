export * from './common';
export * from './auth';
export * from './users';
export * from './cases';
export * from './plan';
export * from './deviations';
