// The exam's fixed identifiers, defined once for server and browser: the seven domain ids of the
// CMAA blueprint, the knowledge-area id pattern and the option letters. `npm run content:check`
// checks content/blueprint.yaml against them.
export const DOMAIN_IDS = ["FND", "COM", "LAW", "SCH", "ENC", "BIL", "ADM"] as const;
export type DomainId = (typeof DOMAIN_IDS)[number];

/** A knowledge area: its domain id, ".K" and two digits (LAW.K01). */
export const AREA_ID_PATTERN = /^[A-Z]{3}\.K\d{2}$/;

/** Every question has four options, lettered in this order. */
export const OPTION_LETTERS = ["A", "B", "C", "D"] as const;
export type OptionLetter = (typeof OPTION_LETTERS)[number];
