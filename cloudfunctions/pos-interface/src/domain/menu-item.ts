// The `menu_items` document type lives in the menu kernel (shared/menu), shared with ordering.
export * from '../../../shared/menu/menu-item';
