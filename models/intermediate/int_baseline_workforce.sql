{#-
  Year N's starting workforce: the census actives in the first year, else the actives of the
  year N-1 snapshot, one year older and with one more year of tenure. Age is N - birth year
  (the age reached by Dec 31 of N); tenure is completed years of service at Dec 31 of N.
-#}
{% set year = var('year') %}
with
{% if year > var('start_year') %}
starting as (
    select
        employee_id,
        employee_birth_date as birth_date,
        employee_hire_date as hire_date,
        level_id,
        current_age + 1 as employee_age,
        current_tenure + 1 as employee_tenure,
        current_compensation,
        scheduled_hours,
        'prior_snapshot' as source
    from {{ prior('fct_workforce_snapshot', scenario_id=var('scenario_id'), simulation_year=year - 1) }} s
    where employment_status = 'active'
),
{% else %}
starting as (
    select
        employee_id,
        birth_date,
        hire_date,
        level_id,
        {{ year }} - year(birth_date) as employee_age,
        datesub('year', hire_date, make_date({{ year }}, 12, 31)) as employee_tenure,
        gross_compensation as current_compensation,
        scheduled_hours,
        'census' as source
    from {{ ref('stg_census') }}
    where (termination_date is null or termination_date >= make_date({{ year }}, 1, 1))
      and hire_date <= make_date({{ year }}, 12, 31)
),
{% endif %}
bands as (
    select * from {{ ref('stg_config_bands') }}
)
select
    cast('{{ var("scenario_id") }}' as VARCHAR) as scenario_id,
    cast({{ year }} as INTEGER) as simulation_year,
    s.employee_id,
    s.birth_date,
    s.hire_date,
    cast(s.level_id as INTEGER) as level_id,
    cast(s.employee_age as INTEGER) as employee_age,
    cast(s.employee_tenure as INTEGER) as employee_tenure,
    ab.band_id as age_band_id,
    tb.band_id as tenure_band_id,
    cast(s.current_compensation as DECIMAL(18, 2)) as current_compensation,
    cast(s.scheduled_hours as DOUBLE) as scheduled_hours,
    s.source
from starting s
left join bands ab on ab.band_type = 'age' and {{ in_band('s.employee_age', 'ab', 'min_value', 'max_value') }}
left join bands tb on tb.band_type = 'tenure' and {{ in_band('s.employee_tenure', 'tb', 'min_value', 'max_value') }}
