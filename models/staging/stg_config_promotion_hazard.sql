-- The promotion hazard of every (level, age band, tenure band) cell:
-- base rate x age multiplier x tenure multiplier x level factor.
select
    cast(l.level_id as INTEGER) as level_id,
    cast(a.age_band_id as INTEGER) as age_band_id,
    cast(t.tenure_band_id as INTEGER) as tenure_band_id,
    cast(b.base_rate * a.multiplier * t.multiplier * l.level_factor as DOUBLE) as promotion_rate
from {{ ref('config_promotion_hazard_base') }} b
cross join {{ ref('config_promotion_hazard_levels') }} l
cross join {{ ref('config_promotion_hazard_age_multipliers') }} a
cross join {{ ref('config_promotion_hazard_tenure_multipliers') }} t
