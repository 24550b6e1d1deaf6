{#-
  Portable uniform draws in [0, 1) from md5 (DuckDB's engine-internal hash() is never used).
  hash_hex(key, purpose, seed, year) = md5(seed | key | year | purpose) as 32 hex digits.
  Slot k (0 or 1) of that hash is the integer of hex digits 13k+1 .. 13k+13 (52 bits) over 2^52:
    in any language: int(md5_hex[13*k : 13*k + 13], 16) / 2**52
  so one md5 gives two independent draws. Results depend only on the inputs, never on the
  DuckDB version, thread count or machine.
    key_expr: SQL expression for the entity (e.g. 'b.employee_id')
    purpose:  SQL string literal naming the draw (e.g. "'termination'")
    seed, year: numbers (rendered as literals)
-#}
{% macro hash_hex(key_expr, purpose, seed, year) -%}
md5(concat_ws('|', {{ seed }}, {{ key_expr }}, {{ year }}, {{ purpose }}))
{%- endmacro %}

{% macro hex_uniform(hex_expr, slot) -%}
(('0x' || substr({{ hex_expr }}, {{ 1 + 13 * slot }}, 13))::UBIGINT::DOUBLE / 4503599627370496.0)
{%- endmacro %}

{#- One draw: slot 0 of hash_hex(key_expr, purpose, seed, year). -#}
{% macro hash_uniform(key_expr, purpose, seed, year) -%}
{{ hex_uniform(hash_hex(key_expr, purpose, seed, year), 0) }}
{%- endmacro %}
