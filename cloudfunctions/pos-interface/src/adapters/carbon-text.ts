/**
 * Vendor menus have no carbon fields, so the label travels as text in the dish description,
 * where POS screens and receipts already show it.
 */
import type { CanonicalMenuItem } from '../domain/canonical';

export function carbonLabelText(item: CanonicalMenuItem): string {
  const label = item.carbonLabel;
  const footprint = item.carbonFootprint;
  if (!label && !footprint) return '';
  const parts: string[] = [];
  if (label) parts.push(label.description);
  if (footprint) parts.push(`${footprint.value.toFixed(2)} ${footprint.unit}`);
  if (footprint?.certification) parts.push(footprint.certification);
  return parts.join(' · ');
}
