// The complaints slice's API for other slices: a follow-up call 回访 that
// raises an issue opens a linked complaint with openComplaint (call it inside
// the request that records the call; channel 'followUpCall').
export { openComplaint, type NewComplaint } from './register';
export { readComplaint } from './views';
