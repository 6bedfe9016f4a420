package pipeline

import (
	"cmp"
	"maps"
	"slices"
)

// sortedKeys returns m's keys in order, so output never depends on map order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return slices.Sorted(maps.Keys(m))
}
