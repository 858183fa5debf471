import { Token } from "./cdktf";
import { Validator } from "./errors";
import { libraryNeeds } from "./rules/authority";

/** The units DLM retain, deprecate and archive rules take. */
export type RetentionUnit = "DAYS" | "WEEKS" | "MONTHS" | "YEARS";

const DAYS_PER_UNIT: Record<RetentionUnit, number> = { DAYS: 1, WEEKS: 7, MONTHS: 30, YEARS: 365 };
const FACTORY: Record<RetentionUnit, string> = { DAYS: "Retention.days", WEEKS: "Retention.weeks", MONTHS: "Retention.months", YEARS: "Retention.years" };

/**
 * How long something is kept. DLM takes an interval and a unit (days, weeks, months, years); AWS Backup counts in days
 * only, so its constructs take days and weeks (a whole number of days) and refuse months and years, which have no fixed
 * length. Comparisons against day-based bounds (DLM limits) use `toDays()`, which counts a month as 30 days and a year
 * as 365. An amount that is an unresolved token is not checked here: Terraform judges it.
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
    new Validator(unit in FACTORY ? FACTORY[unit] : "Retention.of")
      .check(Number.isInteger(amount) && amount >= 1, "amount", amount, libraryNeeds("a whole number of at least 1"))
      .check(unit in DAYS_PER_UNIT, "unit", unit, libraryNeeds("one of DAYS, WEEKS, MONTHS, YEARS"))
      .throwIfAny();
  }

  /** True when the amount is an unresolved token: its value is known only to Terraform. */
  isUnresolved(): boolean {
    return Token.isUnresolved(this.amount);
  }

  /** The retention in days (months as 30, years as 365). Meaningless for a token amount in weeks, months or years. */
  toDays(): number {
    return this.amount * DAYS_PER_UNIT[this.unit];
  }

  /**
   * The retention as an exact number of days, for services that count in days (AWS Backup): days and weeks; undefined
   * for months and years, which have no fixed number of days, and for a token amount in anything but days.
   */
  exactDays(): number | undefined {
    if (this.unit === "DAYS") return this.amount;
    if (this.unit === "WEEKS" && !this.isUnresolved()) return this.amount * 7;
    return undefined;
  }

  /** How to write this value in code, e.g. `Retention.days(35)`. */
  toCode(): string {
    return `${FACTORY[this.unit]}(${this.isUnresolved() ? "<token>" : this.amount})`;
  }

  toString(): string {
    return `${this.isUnresolved() ? "<token>" : this.amount} ${this.unit.toLowerCase()}`;
  }

  /** Error messages show a retention as its text, e.g. "35 days". */
  toJSON(): string {
    return this.toString();
  }
}
