/**
 * The menu kernel: one menu per store (`menu_items`), its categories, the diner's snapshot, the
 * carbon engine and the queue of pushes to the store's POS. ordering and pos-interface import from here.
 */
export * from './dish-carbon';
export * from './menu-item';
export * from './menu-snapshot';
export * from './menu-repository';
