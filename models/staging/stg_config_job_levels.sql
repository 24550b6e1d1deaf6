-- Job levels with their pay band and the next level up (NULL at the top).
select
    cast(level_id as INTEGER) as level_id,
    cast(level_name as VARCHAR) as level_name,
    cast(min_compensation as DECIMAL(18, 2)) as min_compensation,
    cast(max_compensation as DECIMAL(18, 2)) as max_compensation,
    cast(lead(level_id) over (order by level_id) as INTEGER) as next_level_id
from {{ ref('config_job_levels') }}
