export * from './jobs'
