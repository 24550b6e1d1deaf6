/**
 * The generic tests plan ships, as dbt-style `{% test %}` blocks. The render stage registers
 * this text like a macro file, so a project can override any of them with its own
 * `{% test unique(...) %}`. Each returns the failing rows, with the SQL shape of dbt-core's
 * and dbt_utils' versions. `model` is the relation text, already narrowed by the test's
 * `where` config (see apply-where.ts).
 *
 * Kept as a TS string (not a .sql file) so it is found from src/ under vitest and from dist/
 * after tsc alike. Only Jinja that nunjucks runs unchanged is used here: `!= none` instead of
 * `is not none`, lowercase `true`.
 */

/** Label used as the file name of the built-in tests in error messages. */
export const BUILTIN_TESTS_FILE = '<plan>/builtin-tests.sql';

export const BUILTIN_TESTS_SQL = `
{% test unique(model, column_name) %}
select
    {{ column_name }} as unique_field,
    count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endtest %}

{% test not_null(model, column_name) %}
select *
from {{ model }}
where {{ column_name }} is null
{% endtest %}

{% test accepted_values(model, column_name, values, quote=true) %}
with all_values as (
    select
        {{ column_name }} as value_field,
        count(*) as n_records
    from {{ model }}
    group by {{ column_name }}
)
select *
from all_values
where value_field not in (
    {%- for value in values -%}
    {%- if quote -%}
    '{{ value | string | replace("'", "''") }}'
    {%- else -%}
    {{ value }}
    {%- endif -%}
    {%- if not loop.last %}, {% endif -%}
    {%- endfor -%}
)
{% endtest %}

{% test relationships(model, column_name, to, field) %}
with child as (
    select {{ column_name }} as from_field
    from {{ model }}
    where {{ column_name }} is not null
),
parent as (
    select {{ field }} as to_field
    from {{ to }}
)
select
    from_field
from child
left join parent
    on child.from_field = parent.to_field
where parent.to_field is null
{% endtest %}

{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
with meet_condition as (
    select *
    from {{ model }}
),
validation_errors as (
    select *
    from meet_condition
    where
        -- never true: the or-clauses below add the failing conditions
        1 = 2
    {%- if min_value != none %}
        or not {{ column_name }} >{{ "=" if inclusive else "" }} {{ min_value }}
    {%- endif %}
    {%- if max_value != none %}
        or not {{ column_name }} <{{ "=" if inclusive else "" }} {{ max_value }}
    {%- endif %}
)
select *
from validation_errors
{% endtest %}

{% test expression_is_true(model, expression, column_name=none) %}
select *
from {{ model }}
{%- if column_name == none %}
where not({{ expression }})
{%- else %}
where not({{ column_name }} {{ expression }})
{%- endif %}
{% endtest %}

{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
with validation_errors as (
    select
        {% for column in combination_of_columns -%}
        {%- if quote_columns -%}"{{ column | replace('"', '""') }}"{%- else -%}{{ column }}{%- endif -%}
        {%- if not loop.last %}, {% endif -%}
        {%- endfor %}
    from {{ model }}
    group by
        {% for column in combination_of_columns -%}
        {%- if quote_columns -%}"{{ column | replace('"', '""') }}"{%- else -%}{{ column }}{%- endif -%}
        {%- if not loop.last %}, {% endif -%}
        {%- endfor %}
    having count(*) > 1
)
select *
from validation_errors
{% endtest %}

{% test not_empty_string(model, column_name, trim_whitespace=true) %}
with all_values as (
    select
        {% if trim_whitespace -%}trim({{ column_name }}){%- else -%}{{ column_name }}{%- endif %} as {{ column_name }}
    from {{ model }}
)
select *
from all_values
where {{ column_name }} = ''
{% endtest %}

{% test at_least_one(model, column_name) %}
select *
from (
    select count({{ column_name }}) as filler_column
    from {{ model }}
    having count({{ column_name }}) = 0
) validation_errors
{% endtest %}
`;

/** Names of the tests defined above, for "did you mean" hints and docs. */
export const BUILTIN_TEST_NAMES: readonly string[] = [
  'unique',
  'not_null',
  'accepted_values',
  'relationships',
  'accepted_range',
  'expression_is_true',
  'unique_combination_of_columns',
  'not_empty_string',
  'at_least_one',
];
