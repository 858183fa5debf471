import { Validator } from "./errors";

/** The units DLM retain, deprecate and archive rules take. */
export type RetentionUnit = "DAYS" | "WEEKS" | "MONTHS" | "YEARS";

const DAYS_PER_UNIT: Record<RetentionUnit, number> = { DAYS: 1, WEEKS: 7, MONTHS: 30, YEARS: 365 };

/**
 * How long something is kept. AWS Backup counts in days; DLM takes an interval and a unit.
 * Comparisons against day-based bounds (vault lock, cold storage) use `toDays()`, which counts a month as
 * 30 days and a year as 365, the same approximation AWS documents for lifecycle comparisons.
 */
export class Retention {
  static days(amount: number): Retention {
    return new Retention(amount, "DAYS");
  }
  static weeks(amount: number): Retention {
    return new Retention(amount, "WEEKS");
  }
  static months(amount: number): Retention {
    return new Retention(amount, "MONTHS");
  }
  static years(amount: number): Retention {
    return new Retention(amount, "YEARS");
  }
  static of(amount: number, unit: RetentionUnit): Retention {
    return new Retention(amount, unit);
  }

  private constructor(
    public readonly amount: number,
    public readonly unit: RetentionUnit,
  ) {
    new Validator("Retention")
      .check(Number.isInteger(amount) && amount >= 1, "amount", amount, "must be a whole number of at least 1")
      .check(unit in DAYS_PER_UNIT, "unit", unit, "must be one of DAYS, WEEKS, MONTHS, YEARS")
      .throwIfAny();
  }

  /** The retention in days (months as 30, years as 365). */
  toDays(): number {
    return this.amount * DAYS_PER_UNIT[this.unit];
  }

  toString(): string {
    return `${this.amount} ${this.unit.toLowerCase()}`;
  }
}
