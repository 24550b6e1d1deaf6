{#-
  The starting census, one row per employee. With var('census_path') set, the file (CSV or
  Parquet, picked by its extension; a relative path is resolved from the working directory) is read; optional
  columns it lacks come out NULL. Otherwise a deterministic synthetic census of
  var('census_size') employees, all active, is generated from the census seed.
  Problems in a real census (duplicate ids, missing required values, negative pay, hire after
  termination) are reported by the tests in staging.yml, not by a crash here.

  Loaded once per simulation: building the first year (var year = var start_year) produces every
  row, which replaces the whole table (its one partition, census_partition = 'census'); later
  years produce no rows, so the census of the first year stays as it was (and costs nothing).
-#}
{{ config(materialized='incremental', partition_by=['census_partition']) }}
{% set seed = subsystem_seed('census') %}
{% set first_year = var('start_year') %}
with levels as (
    select level_id, min_compensation, max_compensation from {{ ref('config_job_levels') }}
),
{% if var('census_path', '') %}
template as (
    -- Typed empty relation: UNION ALL BY NAME fills the columns the file lacks with NULL.
    select
        null::VARCHAR as employee_id, null::DATE as birth_date, null::DATE as hire_date,
        null::DATE as termination_date, null::DOUBLE as gross_compensation,
        null::INTEGER as level_id, null::DOUBLE as deferral_rate, null::DOUBLE as scheduled_hours
    where false
),
raw as (
    select * from template
    union all by name
    select * from '{{ var("census_path") }}'
),
typed as (
    select
        cast(employee_id as VARCHAR) as employee_id,
        cast(birth_date as DATE) as birth_date,
        cast(hire_date as DATE) as hire_date,
        cast(termination_date as DATE) as termination_date,
        cast(gross_compensation as DECIMAL(18, 2)) as gross_compensation,
        cast(level_id as INTEGER) as level_id,
        cast(deferral_rate as DOUBLE) as deferral_rate,
        cast(scheduled_hours as DOUBLE) as scheduled_hours
    from raw
),
census as (
    -- Without a level in the file: the highest level whose band starts at or below the pay.
    select
        t.* replace (cast(coalesce(t.level_id, l.level_id, 1) as INTEGER) as level_id)
    from typed t
    asof left join levels l on t.gross_compensation >= l.min_compensation
)
{% else %}
ids as (
    select range as i, printf('EMP_%07d', range + 1) as employee_id
    from range({{ var('census_size') }})
),
hashes as (
    select
        employee_id,
        {{ hash_hex('employee_id', "'census_level_hours'", seed, 0) }} as h_level_hours,
        {{ hash_hex('employee_id', "'census_age'", seed, 0) }} as h_age,
        {{ hash_hex('employee_id', "'census_dates'", seed, 0) }} as h_dates,
        {{ hash_hex('employee_id', "'census_tenure_pay'", seed, 0) }} as h_tenure_pay,
        {{ hash_hex('employee_id', "'census_deferral'", seed, 0) }} as h_deferral
    from ids
),
draws as (
    select
        employee_id,
        {{ hex_uniform('h_level_hours', 0) }} as u_level,
        {{ hex_uniform('h_level_hours', 1) }} as u_hours,
        {{ hex_uniform('h_age', 0) }} as u_age_1,
        {{ hex_uniform('h_age', 1) }} as u_age_2,
        {{ hex_uniform('h_dates', 0) }} as u_birth_day,
        {{ hex_uniform('h_dates', 1) }} as u_hire_day,
        {{ hex_uniform('h_tenure_pay', 0) }} as u_tenure,
        {{ hex_uniform('h_tenure_pay', 1) }} as u_pay,
        {{ hex_uniform('h_deferral', 0) }} as u_participation,
        {{ hex_uniform('h_deferral', 1) }} as u_deferral
    from hashes
),
shaped as (
    select
        *,
        -- An existing workforce is more senior than the new-hire mix.
        case when u_level < 0.45 then 1 when u_level < 0.75 then 2 when u_level < 0.90 then 3
             when u_level < 0.97 then 4 else 5 end as level_id
    from draws
),
aged as (
    select
        s.*,
        -- Triangular age spread inside a level-dependent range.
        cast(case level_id when 1 then 21 when 2 then 25 when 3 then 29 when 4 then 33 else 38 end
             + floor((u_age_1 + u_age_2) / 2
                     * case level_id when 1 then 30 when 2 then 33 when 3 then 33 when 4 then 31 else 27 end)
             as INTEGER) as age
    from shaped s
),
tenured as (
    select
        a.*,
        -- Skewed towards short tenure, never before age 20.
        cast(floor(greatest(age - 20, 0) * pow(u_tenure, 1.8)) as INTEGER) as tenure_years
    from aged a
),
census as (
    select
        t.employee_id,
        cast(make_date({{ first_year }} - t.age, 1, 1) + cast(floor(t.u_birth_day * 365) as INTEGER) as DATE) as birth_date,
        cast(make_date({{ first_year }} - 1 - t.tenure_years, 1, 1) + cast(floor(t.u_hire_day * 365) as INTEGER) as DATE) as hire_date,
        cast(null as DATE) as termination_date,
        cast(round(l.min_compensation + (l.max_compensation - l.min_compensation)
                   * least(0.95, 0.10 + 0.55 * t.u_pay + 0.015 * t.tenure_years), 2) as DECIMAL(18, 2)) as gross_compensation,
        cast(t.level_id as INTEGER) as level_id,
        cast(case when t.u_participation < 0.65 then 0.01 * (1 + floor(t.u_deferral * 10)) else 0 end as DOUBLE) as deferral_rate,
        cast(case when t.u_hours < 0.9 then 2080 else 1000 + floor(t.u_hours * 10000) % 1000 end as DOUBLE) as scheduled_hours
    from tenured t
    join levels l on l.level_id = t.level_id
)
{% endif %}
select
    cast('census' as VARCHAR) as census_partition,
    c.employee_id,
    c.birth_date,
    c.hire_date,
    c.termination_date,
    c.gross_compensation,
    c.level_id,
    c.deferral_rate,
    coalesce(c.scheduled_hours, 2080) as scheduled_hours
from census c
{% if var('year') > first_year %}
where false
{% endif %}
