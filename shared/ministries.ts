import * as z from 'zod/mini';

/** The ministries of the 2011–2014 action plan, by the codes the report uses. */
export const MINISTRIES = {
  UD: 'Utenriksdepartementet',
  JD: 'Justis- og beredskapsdepartementet',
  BLD: 'Barne-, likestillings- og inkluderingsdepartementet',
  FD: 'Forsvarsdepartementet',
  HOD: 'Helse- og omsorgsdepartementet',
  AD: 'Arbeidsdepartementet',
  KRD: 'Kommunal- og regionaldepartementet',
} as const;

export type MinistryCode = keyof typeof MINISTRIES;

export const MINISTRY_CODES = Object.keys(MINISTRIES) as [MinistryCode, ...MinistryCode[]];

export const MinistryCodeSchema = z.enum(MINISTRY_CODES);

/** Responsible ministries of a measure: at least one, no duplicates, in the report's order. */
export const MinistryListSchema = z
  .array(MinistryCodeSchema)
  .check(
    z.minLength(1),
    z.refine((list) => new Set(list).size === list.length, { message: 'duplicate ministry' }),
  );
