/**
 * Reading the contract's zod schemas for tests: every field name they hold, and fast-check inputs made near a schema
 * (its own keys, with values of the right kind and of every wrong kind: huge numbers, Infinity, NaN, numbers as text,
 * very long strings, negative ids …).
 */
import fc from 'fast-check';
import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  left?: z.ZodType;
  right?: z.ZodType;
  defaultValue?: unknown;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Every object key anywhere in the schema. */
export function schemaKeys(schema: z.ZodType, keys = new Set<string>(), seen = new Set<z.ZodType>()): Set<string> {
  if (seen.has(schema)) return keys;
  seen.add(schema);
  const def = defOf(schema);
  const walk = (s: z.ZodType | undefined) => s && schemaKeys(s, keys, seen);
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape ?? {})) {
        keys.add(k);
        walk(v);
      }
      break;
    case 'pipe':
      walk(def.in);
      walk(def.out);
      break;
    case 'array':
      walk(def.element);
      break;
    case 'record':
      walk(def.valueType);
      break;
    case 'union':
      for (const o of def.options ?? []) walk(o);
      break;
    case 'intersection':
      walk(def.left);
      walk(def.right);
      break;
    default:
      walk(def.innerType);
  }
  return keys;
}

/** Numbers no field should take quietly. */
const nastyNumbers = fc.constantFrom(
  0,
  -1,
  -0,
  1.5,
  0.001,
  Number('1e309'),
  -Number('1e309'),
  Infinity,
  -Infinity,
  Number.NaN,
  Number.MAX_SAFE_INTEGER + 2,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  2 ** 31,
  -(2 ** 53),
  1e21,
);
const nastyStrings = fc.constantFrom(
  '',
  ' ',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  '0x10',
  '１２３',
  '2026-02-30',
  '2026-13-01',
  '9999-12-31',
  '0000-00-00',
  '2026-10',
  '2026-Q3',
  '../../etc/passwd',
  '%E0%A4%A',
  "'; DROP TABLE people; --",
  '\u0000',
  '\ud800',
  '__proto__',
  'constructor',
  '张三',
  '440306199005151064',
  'x'.repeat(100_000),
);
const wrongKind = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  nastyNumbers,
  nastyStrings,
  fc.constant([]),
  fc.constant({}),
  fc.constant([1, 2, 3]),
  fc.constant({ a: 1 }),
);

/** Inputs near the schema: values of its own kind, nearly right, and of every wrong kind. `depth` bounds recursion. */
export function nearSchema(schema: z.ZodType, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const near = (s: z.ZodType | undefined) => (s && depth < 6 ? nearSchema(s, depth + 1) : wrongKind);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      const fields = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, near(v)]));
      return fc.oneof(
        { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) },
        { weight: 2, arbitrary: fc.record(fields) },
        { weight: 1, arbitrary: fc.record({ ...fields, extra: wrongKind }) },
        { weight: 1, arbitrary: wrongKind },
      );
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return fc.oneof({ weight: 4, arbitrary: near(def.innerType) }, { weight: 1, arbitrary: fc.constantFrom(null, undefined) });
    case 'pipe':
      return near(def.in);
    case 'array':
      return fc.oneof(
        { weight: 5, arbitrary: fc.array(near(def.element), { maxLength: 4 }) },
        { weight: 1, arbitrary: wrongKind },
      );
    case 'record':
      return fc.oneof(fc.dictionary(fc.string({ maxLength: 6 }), near(def.valueType), { maxKeys: 3 }), wrongKind);
    case 'union':
      return fc.oneof(...(def.options ?? []).map((o) => near(o)), wrongKind);
    case 'intersection':
      return fc.oneof(near(def.left), near(def.right));
    case 'enum':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })) }, { weight: 1, arbitrary: wrongKind });
    case 'literal':
      return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...(def.values ?? [null])) }, { weight: 1, arbitrary: wrongKind });
    case 'number':
    case 'int':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: -3, max: 12 }) },
        { weight: 1, arbitrary: fc.integer() },
        { weight: 3, arbitrary: nastyNumbers },
        { weight: 1, arbitrary: fc.double() },
        { weight: 1, arbitrary: wrongKind },
      );
    case 'string':
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
        { weight: 2, arbitrary: nastyStrings },
        { weight: 1, arbitrary: fc.string({ minLength: 200, maxLength: 400 }) },
        { weight: 1, arbitrary: fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
        { weight: 1, arbitrary: wrongKind },
      );
    case 'boolean':
      return fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 1, 0) }, { weight: 1, arbitrary: wrongKind });
    default:
      return fc.oneof(fc.anything({ maxDepth: 2 }), wrongKind);
  }
}
