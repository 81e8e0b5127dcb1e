// The carbon engine moved to the menu kernel (shared/menu/carbon) so that the ordering context's
// menu management computes the same footprint on save; pos-interface keeps its import path.
export * from '../../../shared/menu/carbon';
