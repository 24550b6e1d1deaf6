{#- The seed of a subsystem: var('<name>_seed') when set, else var('random_seed'). -#}
{% macro subsystem_seed(name) -%}
{{ var(name ~ '_seed', var('random_seed')) }}
{%- endmacro %}

{#- The columns every event model produces, in order (fct_yearly_events unions on them). The last
    three belong to the retirement plan's events; workforce event models produce them as NULL
    (no_plan_event_columns()). -#}
{% macro event_columns() -%}
scenario_id, employee_id, simulation_year, event_type, event_category, effective_date,
compensation_amount, previous_compensation, level_id, employee_age, employee_tenure,
event_probability, event_details, employee_deferral_rate, previous_deferral_rate, event_amount
{%- endmacro %}

{#- The workforce's event models (hires, terminations, promotions, raises) of year N. Their union,
    with the retirement plan's events, is the year's partition of fct_yearly_events; the snapshot
    reads the same models, so it is built beside the event store instead of after it. A new
    workforce event source goes here. -#}
{% macro workforce_event_models() -%}
{{ return(['int_hiring_events', 'int_termination_events', 'int_new_hire_termination_events',
           'int_promotion_events', 'int_merit_events']) }}
{%- endmacro %}

{#- The plan columns of event_columns(), empty, for the workforce event models. -#}
{% macro no_plan_event_columns() -%}
cast(null as DOUBLE) as employee_deferral_rate,
cast(null as DOUBLE) as previous_deferral_rate,
cast(null as DECIMAL(18, 2)) as event_amount
{%- endmacro %}

{#- Order of same-day events within an employee-year: a hire first, then pay changes, then the
    retirement plan's events in the order they can happen, a termination last. -#}
{% macro event_type_order(column) -%}
(case {{ column }}
  when 'hire' then 1
  when 'promotion' then 2
  when 'raise' then 3
  when 'eligibility' then 4
  when 'enrollment' then 5
  when 'enrollment_change' then 6
  when 'deferral_escalation' then 7
  when 'forfeiture' then 8
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
