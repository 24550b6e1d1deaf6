-- The plan design covers the year just built: config_irs_limits has a row for the year, and
-- config_deferral_rate_choice has a rate for every (plan age band, plan income band) of the vars.
with bands as (
    select a.age_band, i.income_band
    from (values {% for name, bound in var('plan_age_bands') | dictsort %}('{{ name }}'){{ ', ' if not loop.last }}{% endfor %}) a(age_band)
    cross join (values {% for name, bound in var('plan_income_bands') | dictsort %}('{{ name }}'){{ ', ' if not loop.last }}{% endfor %}) i(income_band)
)
select 'config_deferral_rate_choice' as seed, b.age_band || ' x ' || b.income_band as missing
from bands b
left join {{ ref('config_deferral_rate_choice') }} d on d.age_band = b.age_band and d.income_band = b.income_band
where d.deferral_rate is null
union all
select 'config_irs_limits', 'plan_year {{ var("year") }}'
where not exists (select 1 from {{ ref('config_irs_limits') }} where plan_year = {{ var('year') }})
