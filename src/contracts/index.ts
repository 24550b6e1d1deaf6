export { normalizeType, tryNormalizeType, typesEqual, TypeSyntaxError } from './normalize-type.js';
export { compareContract } from './compare-contract.js';
export type { ContractDiff, ContractProblem, DeclaredColumn } from './compare-contract.js';
export { formatContractDiff, contractError } from './format-contract-diff.js';
export { contractDdl, contractedTableSql } from './contract-ddl.js';
export type { ContractDdl, ModelConstraint } from './contract-ddl.js';
export { checkContractableNode, viewConstraintWarnings } from './check-contractable-node.js';
export { contractBreakingChanges, snapshotOf, snapshotFromManifestJson } from './breaking-changes.js';
export type { ContractSnapshot } from './breaking-changes.js';
