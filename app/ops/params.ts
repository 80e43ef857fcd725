import { CodedError } from '../i18n/messages';
import type { Params, ParamValue } from './op';

/** Reads node parameters with their defaults; a wrong type is an Error naming the parameter. */
function read(params: Params, name: string, fallback: ParamValue): ParamValue {
  // Own fields only: a parameter named like an Object.prototype member is not inherited.
  const value = Object.hasOwn(params, name) ? params[name] : undefined;
  return value === undefined || value === null ? fallback : value;
}

export function numberParam(params: Params, name: string, fallback: number): number {
  const value = read(params, name, fallback);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new CodedError('param_not_number', { name, value: String(JSON.stringify(value)) });
  }
  return value;
}

export function integerParam(params: Params, name: string, fallback: number, min = -Infinity, max = Infinity): number {
  const value = numberParam(params, name, fallback);
  if (!Number.isInteger(value) || value < min || value > max) {
    const said = { name, value: String(value) };
    if (max !== Infinity) throw new CodedError('param_integer_between', { ...said, min: String(min), max: String(max) });
    if (min !== -Infinity) throw new CodedError('param_integer_at_least', { ...said, min: String(min) });
    throw new CodedError('param_not_integer', said);
  }
  return value;
}

export function choiceParam<T extends string>(params: Params, name: string, options: readonly T[], fallback: T): T {
  const value = read(params, name, fallback);
  if (typeof value !== 'string' || !options.includes(value as T)) {
    throw new CodedError('param_choice', { name, options: options.join(', '), value: String(JSON.stringify(value)) });
  }
  return value as T;
}
