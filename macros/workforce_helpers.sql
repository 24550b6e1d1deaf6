{#- The seed of a subsystem: var('<name>_seed') when set, else var('random_seed'). -#}
{% macro subsystem_seed(name) -%}
{{ var(name ~ '_seed', var('random_seed')) }}
{%- endmacro %}

{#- The columns every event model produces, in order (fct_yearly_events unions on them). -#}
{% macro event_columns() -%}
scenario_id, employee_id, simulation_year, event_type, event_category, effective_date,
compensation_amount, previous_compensation, level_id, employee_age, employee_tenure,
event_probability, event_details
{%- endmacro %}

{#- Order of same-day events within an employee-year: a hire first, a termination last.
    Event types added later (e.g. by the retirement plan models) sort between. -#}
{% macro event_type_order(column) -%}
(case {{ column }}
  when 'hire' then 1
  when 'promotion' then 2
  when 'raise' then 3
  when 'termination' then 9
  else 5 end)
{%- endmacro %}

{#- Band lookup join condition: min inclusive, max exclusive. -#}
{% macro in_band(value_expr, band_alias, min_col, max_col) -%}
{{ value_expr }} >= {{ band_alias }}.{{ min_col }} and {{ value_expr }} < {{ band_alias }}.{{ max_col }}
{%- endmacro %}

{#- The date of year `year`'s raise cycle (merit + COLA): vars merit_effective_month/day. -#}
{% macro merit_date(year) -%}
make_date({{ year }}, {{ var('merit_effective_month') }}, {{ var('merit_effective_day') }})
{%- endmacro %}
