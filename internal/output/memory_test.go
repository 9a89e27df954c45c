package output

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestMemoryLayers checks that a chain of clones reads, lists and compares
// as flat copies would, and that a cloned site takes no more writes.
func TestMemoryLayers(t *testing.T) {
	for _, compact := range []bool{false, true} {
		t.Run(fmt.Sprint("compact=", compact), func(t *testing.T) {
			newMem := NewMemory
			if compact {
				newMem = NewCompactMemory
			}
			base := newMem()
			want := map[string]string{}
			for i := range 40 {
				name := fmt.Sprintf("p%02d/index.html", i)
				text := strings.Repeat(fmt.Sprintf("page %d ", i), 100)
				base.WriteFile(name, []byte(text))
				want[name] = text
			}
			cur := base
			for step := range 12 {
				next := cur.Clone()
				if err := cur.WriteFile("late.txt", []byte("x")); err == nil {
					t.Fatalf("step %d: a cloned site took a write", step)
				}
				if !next.Equal(cur) || !cur.Equal(next) {
					t.Fatalf("step %d: a fresh clone is not equal to its original", step)
				}
				name := fmt.Sprintf("p%02d/index.html", step*3%40)
				if step%4 == 3 {
					next.Remove(name)
					delete(want, name)
				} else {
					text := fmt.Sprintf("edited at step %d", step)
					next.WriteFile(name, []byte(text))
					want[name] = text
				}
				if next.Equal(cur) || cur.Equal(next) {
					t.Fatalf("step %d: a clone with %s changed is equal to its original", step, name)
				}
				checkHolds(t, next, want)
				cur = next
			}
			// A flat site with the same files equals the last layer.
			flat := newMem()
			for name, text := range want {
				flat.WriteFile(name, []byte(text))
			}
			if !flat.Equal(cur) || !cur.Equal(flat) {
				t.Error("the last layer differs from a flat site with the same files")
			}
			// Two layers over one base compare by their layers.
			a, b := cur.Clone(), cur.Clone()
			a.WriteFile("new.txt", []byte("same"))
			b.WriteFile("new.txt", []byte("same"))
			if !a.Equal(b) {
				t.Error("two clones with the same write differ")
			}
			b.WriteFile("new.txt", []byte("other"))
			if a.Equal(b) {
				t.Error("two clones with different writes are equal")
			}
		})
	}
}

// checkHolds checks every file of m against want, its names and count.
func checkHolds(t *testing.T, m *Memory, want map[string]string) {
	t.Helper()
	var names []string
	for name, text := range want {
		names = append(names, name)
		if got, ok := m.Get(name); !ok || string(got) != text {
			t.Fatalf("%s: got %q (%v), want %q", name, got, ok, text)
		}
	}
	slices.Sort(names)
	if got := m.Names(); !slices.Equal(got, names) {
		t.Fatalf("names %v, want %v", got, names)
	}
	if m.Len() != len(want) {
		t.Fatalf("Len %d, want %d", m.Len(), len(want))
	}
}

// TestMemoryCloneStaysShallow checks that a clone's layer holds only what
// changed, and that a layer grown past an eighth of its base is flattened.
func TestMemoryCloneStaysShallow(t *testing.T) {
	m := NewMemory()
	for i := range 80 {
		m.WriteFile(fmt.Sprintf("p%d.html", i), []byte("x"))
	}
	c := m.Clone()
	c.WriteFile("p1.html", []byte("y"))
	if c.base != m || len(c.files) != 1 {
		t.Fatalf("clone holds %d files over base %p, want 1 over %p", len(c.files), c.base, m)
	}
	for i := range 11 {
		c.WriteFile(fmt.Sprintf("p%d.html", i), []byte("z"))
	}
	d := c.Clone()
	if d.base != nil || len(d.files) != 80 {
		t.Fatalf("a clone of a layer of 11 over 80 files has base %p and %d files, want a flat 80", d.base, len(d.files))
	}
	if got, _ := d.Get("p5.html"); string(got) != "z" {
		t.Errorf("p5.html = %q after flattening, want z", got)
	}
}
