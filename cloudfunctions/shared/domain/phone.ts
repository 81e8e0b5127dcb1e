const MOBILE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** 13800138000 → 138****8000. Phones leave the system masked unless shown to their owner. */
export function maskPhone(phone: string): string {
  return phone.replace(MOBILE_IN_TEXT, '$1****$2');
}

/** Masks every mainland mobile number inside free text (logs, payload excerpts). */
export function maskPhonesInText(text: string): string {
  return text.replace(MOBILE_IN_TEXT, '$1****$2');
}
