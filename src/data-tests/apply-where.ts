/**
 * dbt's `get_where_subquery`: a test's `where` config narrows the model it reads, so the
 * test's `model` argument becomes `(select * from <relation> where <where>) dbt_subquery`.
 * The render stage passes the result as `model` when rendering the test.
 */
export function applyWhere(relationSql: string, where: string | undefined | null): string {
  if (!where || !where.trim()) return relationSql;
  return `(select * from ${relationSql} where ${where}) dbt_subquery`;
}
