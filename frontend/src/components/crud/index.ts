// The one pattern of a catalogue screen (see docs/development.md): a table
// from a column list, a form modal from a field list, and the delete
// confirmation.
export { CatalogueTable, type Column } from './CatalogueTable';
export { EntityFormModal, type FieldSpec } from './EntityForm';
export { RowActions } from './RowActions';
export { useDeleteConfirm } from './useDeleteConfirm';
