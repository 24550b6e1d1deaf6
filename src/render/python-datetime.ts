/**
 * Python's datetime values for templates: run_started_at, and the parts of the datetime module dbt
 * projects use through `modules.datetime`: datetime,
 * date and timedelta values with strftime / isoformat / str(), `+` and `-` with a timedelta (the
 * runtime calls __add__ / __sub__), comparison (valueOf), now() / utcnow() / today() and
 * strptime for the common codes. Times are UTC (dbt's now() is the machine's local time).
 */
const MS_PER_DAY = 86_400_000;
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
const DAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function strftime(ms: number, format: string): string {
  const d = new Date(ms);
  const codes: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => pad(d.getUTCFullYear() % 100),
    m: () => pad(d.getUTCMonth() + 1),
    d: () => pad(d.getUTCDate()),
    H: () => pad(d.getUTCHours()),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    f: () => pad(d.getUTCMilliseconds() * 1000, 6),
    j: () => pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1, 3),
    A: () => DAY_NAMES[d.getUTCDay()],
    a: () => DAY_NAMES[d.getUTCDay()].slice(0, 3),
    B: () => MONTH_NAMES[d.getUTCMonth()],
    b: () => MONTH_NAMES[d.getUTCMonth()].slice(0, 3),
    w: () => String(d.getUTCDay()),
    '%': () => '%',
  };
  return String(format).replace(/%(.)/g, (m, c: string) => (codes[c] ? codes[c]() : m));
}

export class PyTimedelta {
  constructor(readonly ms: number) {}
  get days(): number {
    return Math.floor(this.ms / MS_PER_DAY);
  }
  get seconds(): number {
    return Math.floor((this.ms - this.days * MS_PER_DAY) / 1000);
  }
  total_seconds(): number {
    return this.ms / 1000;
  }
  valueOf(): number {
    return this.ms;
  }
  toString(): string {
    const s = this.seconds;
    const clock = `${Math.floor(s / 3600)}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
    return this.days === 0 ? clock : `${this.days} day${Math.abs(this.days) === 1 ? '' : 's'}, ${clock}`;
  }
}

export class PyDateTime {
  constructor(readonly ms: number) {}
  get year(): number {
    return new Date(this.ms).getUTCFullYear();
  }
  get month(): number {
    return new Date(this.ms).getUTCMonth() + 1;
  }
  get day(): number {
    return new Date(this.ms).getUTCDate();
  }
  get hour(): number {
    return new Date(this.ms).getUTCHours();
  }
  get minute(): number {
    return new Date(this.ms).getUTCMinutes();
  }
  get second(): number {
    return new Date(this.ms).getUTCSeconds();
  }
  strftime(format: string): string {
    return strftime(this.ms, format);
  }
  isoformat(): string {
    return strftime(this.ms, '%Y-%m-%dT%H:%M:%S') + (this.ms % 1000 ? `.${strftime(this.ms, '%f')}` : '');
  }
  date(): PyDate {
    return new PyDate(Math.floor(this.ms / MS_PER_DAY) * MS_PER_DAY);
  }
  timestamp(): number {
    return this.ms / 1000;
  }
  weekday(): number {
    return (new Date(this.ms).getUTCDay() + 6) % 7;
  }
  __add__(other: unknown): PyDateTime {
    if (other instanceof PyTimedelta) return new (this.constructor as new (ms: number) => PyDateTime)(this.ms + other.ms);
    throw new Error(`unsupported operand for +: ${this.constructor.name} and ${typeof other}`);
  }
  __sub__(other: unknown): PyDateTime | PyTimedelta {
    if (other instanceof PyTimedelta) return new (this.constructor as new (ms: number) => PyDateTime)(this.ms - other.ms);
    if (other instanceof PyDateTime) return new PyTimedelta(this.ms - other.ms);
    throw new Error(`unsupported operand for -: ${this.constructor.name} and ${typeof other}`);
  }
  valueOf(): number {
    return this.ms;
  }
  toString(): string {
    return this.isoformat().replace('T', ' ');
  }
}

/** A UTC datetime that knows its zone (dbt's run_started_at): str() and isoformat() end in +00:00. */
export class PyUtcDateTime extends PyDateTime {
  override isoformat(): string {
    return `${strftime(this.ms, '%Y-%m-%dT%H:%M:%S.%f')}+00:00`;
  }
  override toString(): string {
    return this.isoformat().replace('T', ' ');
  }
}

export class PyDate extends PyDateTime {
  override isoformat(): string {
    return strftime(this.ms, '%Y-%m-%d');
  }
  override toString(): string {
    return this.isoformat();
  }
}

type Kwargs = Readonly<Record<string, unknown>>;
const num = (v: unknown, fallback = 0): number => (v === undefined || v === null ? fallback : Number(v));

function strptime(text: string, format: string): PyDateTime {
  const parts: Record<string, number> = { Y: 1900, m: 1, d: 1, H: 0, M: 0, S: 0 };
  const order: string[] = [];
  const pattern = String(format).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%([YmdHMS%])/g, (_m, c: string) => {
    if (c === '%') return '%';
    order.push(c);
    return c === 'Y' ? '(\\d{4})' : '(\\d{1,2})';
  });
  const match = new RegExp(`^${pattern}$`).exec(String(text));
  if (!match) throw new Error(`time data '${text}' does not match format '${format}'`);
  order.forEach((c, i) => (parts[c] = Number(match[i + 1])));
  return new PyDateTime(Date.UTC(parts.Y, parts.m - 1, parts.d, parts.H, parts.M, parts.S));
}

/** `modules.datetime`, called the way Python code calls it (keyword arguments as one trailing object). */
export function datetimeModule(split: (raw: unknown[]) => { positional: unknown[]; kwargs: Kwargs }): Record<string, unknown> {
  const datetime = Object.assign(
    (...raw: unknown[]) => {
      const { positional: p, kwargs: k } = split(raw);
      return new PyDateTime(Date.UTC(num(p[0] ?? k.year), num(p[1] ?? k.month, 1) - 1, num(p[2] ?? k.day, 1), num(p[3] ?? k.hour), num(p[4] ?? k.minute), num(p[5] ?? k.second)));
    },
    {
      now: () => new PyDateTime(Date.now()),
      utcnow: () => new PyDateTime(Date.now()),
      today: () => new PyDateTime(Date.now()),
      strptime: (text: unknown, format: unknown) => strptime(String(text), String(format)),
      fromisoformat: (text: unknown) => new PyDateTime(Date.parse(`${String(text).replace(' ', 'T')}${/[zZ]|[+-]\d\d:?\d\d$/.test(String(text)) ? '' : 'Z'}`)),
    },
  );
  const date = Object.assign(
    (...raw: unknown[]) => {
      const { positional: p, kwargs: k } = split(raw);
      return new PyDate(Date.UTC(num(p[0] ?? k.year), num(p[1] ?? k.month, 1) - 1, num(p[2] ?? k.day, 1)));
    },
    {
      today: () => new PyDate(Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY),
      fromisoformat: (text: unknown) => new PyDate(Date.parse(`${String(text)}T00:00:00Z`)),
    },
  );
  const timedelta = (...raw: unknown[]): PyTimedelta => {
    const { positional: p, kwargs: k } = split(raw);
    const days = num(p[0] ?? k.days) + 7 * num(k.weeks);
    const seconds = num(p[1] ?? k.seconds) + 60 * num(k.minutes) + 3600 * num(k.hours);
    return new PyTimedelta(days * MS_PER_DAY + seconds * 1000 + num(k.milliseconds));
  };
  return { datetime, date, timedelta };
}
