{#- Retirement plan helpers: plan design vars rendered as SQL expressions (no joins). -#}

{#- The name of the band of `value_expr` in a var mapping band name -> upper bound (exclusive). -#}
{% macro plan_band(value_expr, bands_var) -%}
(case
{%- for name, bound in var(bands_var) | dictsort(false, 'value') %} when {{ value_expr }} < {{ bound }} then '{{ name }}'{% endfor %}
 end)
{%- endmacro %}

{#- The value of a var mapping band name -> number for the band in `band_expr` (0 for an unknown band). -#}
{% macro band_value(band_expr, values_var) -%}
(case {{ band_expr }}
{%- for name, value in var(values_var) | dictsort %} when '{{ name }}' then {{ value }}{% endfor %}
 else 0 end)
{%- endmacro %}

{#-
  Pay earned in the date range [from_expr, to_expr] (inclusive), as pay rate x days (divide by the
  days in the year for money). Needs the columns period_start, period_end, starting_compensation,
  promotion_date, promotion_compensation, raise_date, raise_compensation: the year splits into at
  most three pay segments (start rate, after the promotion, after the raise).
-#}
{% macro pay_days_between(from_expr, to_expr) -%}
(  starting_compensation * greatest(0, least(coalesce(least(promotion_date, raise_date) - 1, period_end), period_end, {{ to_expr }}) - greatest(period_start, {{ from_expr }}) + 1)
 + coalesce(promotion_compensation * greatest(0, least(coalesce(raise_date - 1, period_end), period_end, {{ to_expr }}) - greatest(promotion_date, {{ from_expr }}) + 1), 0)
 + coalesce(raise_compensation * greatest(0, least(period_end, {{ to_expr }}) - greatest(raise_date, {{ from_expr }}) + 1), 0))
{%- endmacro %}

{#- The annual pay rate in force on `date_expr` (same columns as pay_days_between). -#}
{% macro pay_rate_on(date_expr) -%}
(case when raise_date <= {{ date_expr }} then raise_compensation
      when promotion_date <= {{ date_expr }} then promotion_compensation
      else starting_compensation end)
{%- endmacro %}

{#- The level on `date_expr` (columns level_id, promotion_date, promotion_level_id). -#}
{% macro level_on(date_expr) -%}
(case when promotion_date <= {{ date_expr }} then promotion_level_id else level_id end)
{%- endmacro %}

{#- The condition "years of service in [min_service, max_service)" of a tier or step (true when unset). -#}
{% macro service_condition(step, service_expr) -%}
{%- if step.min_service is defined and step.min_service is not none %} and {{ service_expr }} >= {{ step.min_service }}{% endif -%}
{%- if step.max_service is defined and step.max_service is not none %} and {{ service_expr }} < {{ step.max_service }}{% endif -%}
{%- endmacro %}

{#-
  Employer match as a fraction of pay for deferral rate `rate_expr`: the sum over the tiers of
  var('employer_match_tiers') of match_rate x the part of the rate inside [employee_min, employee_max),
  counting only tiers whose service range holds `service_expr`.
-#}
{% macro match_percentage(rate_expr, service_expr) -%}
(0.0
{%- for t in var('employer_match_tiers') %}
 + (case when true{{ service_condition(t, service_expr) }} then {{ t.match_rate }} * greatest(0.0, least({{ rate_expr }}, {{ t.employee_max }}) - {{ t.employee_min }}) else 0.0 end)
{%- endfor %})
{%- endmacro %}

{#- The largest match fraction any deferral rate can earn (a SQL expression, for the invariant tests). -#}
{% macro max_match_percentage() -%}
(0.0{% for t in var('employer_match_tiers') %} + {{ t.match_rate }} * ({{ t.employee_max }} - {{ t.employee_min }}){% endfor %})
{%- endmacro %}

{#- Employer core rate for `service_expr` years: the highest step of employer_core_by_service reached,
    else the flat var('employer_core_rate'). -#}
{% macro core_rate(service_expr) -%}
{%- set steps = var('employer_core_by_service') or [] -%}
{%- if steps | length == 0 -%}
{{ var('employer_core_rate') }}
{%- else -%}
(case{% for s in steps | sort(true, false, 'min_service') %} when {{ service_expr }} >= {{ s.min_service }} then {{ s.rate }}{% endfor %} else 0.0 end)
{%- endif -%}
{%- endmacro %}

{#- The largest core rate (a SQL expression, for the invariant tests). -#}
{% macro max_core_rate() -%}
{%- set steps = var('employer_core_by_service') or [] -%}
{%- if steps | length == 0 -%}{{ var('employer_core_rate') }}{%- else -%}greatest({% for s in steps %}{{ s.rate }}{{ ', ' if not loop.last }}{% endfor %}){%- endif -%}
{%- endmacro %}

{#- Vested fraction of the employer balance after `years_expr` completed years of service. -#}
{% macro vested_percentage(years_expr) -%}
{%- set s = var('vesting_schedule') -%}
{%- if s == 'immediate' -%}
1.0
{%- elif s == 'cliff_3' -%}
(case when {{ years_expr }} >= 3 then 1.0 else 0.0 end)
{%- elif s == 'graded_2_6' -%}
least(1.0, greatest(0.0, ({{ years_expr }} - 1) * 0.2))
{%- elif s is string -%}
{{ exceptions.raise_compiler_error("var vesting_schedule: unknown schedule '" ~ s ~ "'; expected graded_2_6, cliff_3, immediate or a list of {years, percent} steps") }}
{%- else -%}
(case{% for step in s | sort(true, false, 'years') %} when {{ years_expr }} >= {{ step.years }} then {{ step.percent }}{% endfor %} else 0.0 end)
{%- endif -%}
{%- endmacro %}

{#- The 402(g) limit for an employee of age `age_expr` (age reached by Dec 31): the base limit, plus
    the age-50 catch-up, or the higher catch-up at 60-63. Columns of config_irs_limits in scope. -#}
{% macro deferral_limit(age_expr) -%}
(employee_deferral_limit + case when {{ age_expr }} between 60 and 63 then super_catch_up_limit
                                when {{ age_expr }} >= 50 then catch_up_limit else 0 end)
{%- endmacro %}

{#- The first date from which auto-enrollment applies, by scope and cutoff (a SQL date). -#}
{% macro auto_enrollment_cutoff() -%}
{%- set cutoff = var('auto_enrollment_hire_date_cutoff', '') -%}
{%- if cutoff -%}
cast('{{ cutoff }}' as DATE)
{%- elif var('auto_enrollment_scope') == 'new_hires_only' -%}
make_date({{ var('start_year') }}, 1, 1)
{%- elif var('auto_enrollment_scope') == 'all_eligible' -%}
cast('1900-01-01' as DATE)
{%- else -%}
{{ exceptions.raise_compiler_error("var auto_enrollment_scope: expected all_eligible or new_hires_only, found '" ~ var('auto_enrollment_scope') ~ "'") }}
{%- endif -%}
{%- endmacro %}
