export type {
  IndirectSelection,
  SelectionCriterion,
  SelectionDifference,
  SelectionIntersection,
  SelectionSpec,
  SelectionUnion,
} from './selection-spec.js';
export { DEFAULT_LIST_SELECT, DEFAULT_SELECT, parseSelectors } from './parse-selectors.js';
export { selectNodes, type SelectOptions } from './select-nodes.js';
export { supportedMethodNames } from './methods/registry.js';
export { selectExposures } from './methods/exposure-method.js';
