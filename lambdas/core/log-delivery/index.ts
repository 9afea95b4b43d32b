export type { LogRecordWriter } from './ports';
export type { LogDestination, LogRecord } from './types';
