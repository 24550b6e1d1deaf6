{#-
  Efraimidis-Spirakis key for a weighted draw without replacement: order rows by this key
  ascending and keep the first N (row_number) to draw exactly N rows, each with probability
  proportional to its weight. Equivalent to ordering by u^(1/w) descending. Rows with a zero or
  missing weight get NULL (sorted last) and are drawn only when every weighted row is taken.
-#}
{% macro weighted_draw_key(uniform_expr, weight_expr) -%}
(case when ({{ weight_expr }}) > 0 then -ln(1.0 - {{ uniform_expr }}) / ({{ weight_expr }}) end)
{%- endmacro %}

{#- A day inside simulation year `year`: Jan 1 + floor(u * days), days counted from Jan 1. -#}
{% macro day_of_year(uniform_expr, year, days_expr) -%}
(make_date({{ year }}, 1, 1) + cast(floor({{ uniform_expr }} * ({{ days_expr }})) as INTEGER))
{%- endmacro %}

{#- Days in simulation year `year` (365 or 366). -#}
{% macro days_in_year(year) -%}
cast(make_date({{ year }} + 1, 1, 1) - make_date({{ year }}, 1, 1) as INTEGER)
{%- endmacro %}
