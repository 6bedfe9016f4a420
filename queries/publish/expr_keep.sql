-- name: ExprKeep (select-list item)
-- A column as it is.
%[1]s
