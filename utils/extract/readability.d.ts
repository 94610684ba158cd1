// The package types its index only; its Readability module exports the same class, as module.exports.
declare module '@mozilla/readability/Readability.js' {
  import { Readability } from '@mozilla/readability';
  export default Readability;
}
