/** Non-fatal problems found while reading or analysing inputs; they travel into Result.warnings. */
export interface Warning {
  code: string;
  message: string;
  file?: string;
  /** 1-based line. */
  line?: number;
}
