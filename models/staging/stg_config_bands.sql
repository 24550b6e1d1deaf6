-- Age and tenure bands in one relation: band_type 'age' or 'tenure', [min_value, max_value).
select
    'age' as band_type,
    cast(age_band_id as INTEGER) as band_id,
    cast(age_band_label as VARCHAR) as band_label,
    cast(min_age as INTEGER) as min_value,
    cast(max_age as INTEGER) as max_value
from {{ ref('config_age_bands') }}
union all
select
    'tenure',
    cast(tenure_band_id as INTEGER),
    cast(tenure_band_label as VARCHAR),
    cast(min_tenure as INTEGER),
    cast(max_tenure as INTEGER)
from {{ ref('config_tenure_bands') }}
