import { closestNames } from '../config/closest-name.js';
import { errorDiagnostic, type Diagnostic } from '../errors/diagnostic.js';
import type { ExposureNode } from '../manifest/types.js';
import type { ExposureDependency, LoadedProject } from '../project/types.js';
import type { RelationIndex } from './relation-index.js';

/**
 * The enabled exposures of the property files, their depends_on resolved to unique_ids. A ref or
 * source that does not exist is an error at the exposure's line, as in dbt.
 */
export function resolveExposures(project: LoadedProject, index: RelationIndex, diagnostics: Diagnostic[]): Map<string, ExposureNode> {
  const projectName = project.config.name;
  const out = new Map<string, ExposureNode>();
  for (const file of project.propertyFiles) {
    for (const exposure of file.exposures) {
      if (!exposure.enabled) continue;
      const dependsOn: string[] = [];
      for (const dependency of exposure.dependsOn) {
        const target = dependency.kind === 'ref' ? index.ref(dependency.name, dependency.package) : index.source(dependency.source, dependency.table);
        if (target) {
          if (!dependsOn.includes(target.uniqueId)) dependsOn.push(target.uniqueId);
          continue;
        }
        const [label, candidates] = dependency.kind === 'ref' ? [`a node named '${dependency.name}'`, index.refNames()] : [`a source named '${dependency.source}.${dependency.table}'`, index.sourceNames()];
        const close = closestNames(nameOf(dependency), candidates);
        diagnostics.push(
          errorDiagnostic('graph.unknown_ref', `exposure '${exposure.name}' depends on ${label} which was not found`, {
            file: exposure.location.file,
            line: exposure.location.line,
            hint: close.length ? `did you mean ${close.map((c) => `'${c}'`).join(', ')}?` : 'fix the depends_on entry or add the node',
          }),
        );
      }
      const uniqueId = `exposure.${projectName}.${exposure.name}`;
      out.set(uniqueId, {
        uniqueId,
        name: exposure.name,
        fqn: [projectName, ...folderOf(exposure.location.file), exposure.name],
        packageName: projectName,
        originalFilePath: exposure.location.file,
        properties: exposure,
        dependsOn,
      });
    }
  }
  return out;
}

function nameOf(dependency: ExposureDependency): string {
  return dependency.kind === 'ref' ? dependency.name : `${dependency.source}.${dependency.table}`;
}

/** dbt's fqn of a yml-defined resource: the folders of its file under the model path. */
function folderOf(file: string): string[] {
  const parts = file.split('/');
  return parts.slice(1, -1);
}
