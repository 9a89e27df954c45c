package serve

import (
	"bytes"
	"path"
	"sync"
	"sync/atomic"
)

// What a request gets, made once per build.
//
// A page goes out with the live-reload tag before </body>, and the
// session keeps text files deflated (site.SessionOptions.CompactMemory),
// so serving a stored page means inflating it and copying it around the
// tag: for the 69 KB Error Codes page that was most of a request's cost.
// Each snapshot therefore keeps the bytes each file is sent as, made on
// the first request for it and shared by every later one: a request then
// allocates nothing but its headers. A snapshot lives until the next
// build replaces it, so the bytes of a page never outlive its build.
//
// The bytes kept are capped (maxServedBytes), so a crawler walking every
// page of a 100,000-page site cannot make the server hold the whole site
// inflated; past the cap a file is made for each request, as before.

// maxServedBytes caps the bytes a snapshot keeps ready to send.
const maxServedBytes = 128 << 20

// servedFiles holds the bytes each file of one build is sent as.
type servedFiles struct {
	files sync.Map // name -> []byte
	size  atomic.Int64
}

// served returns name as it goes out: HTML with the live-reload tag of
// this build.
func (s *snapshot) served(name string) ([]byte, bool) {
	if b, ok := s.ready.files.Load(name); ok {
		return b.([]byte), true
	}
	data, ok := s.get(name)
	if !ok {
		return nil, false
	}
	if path.Ext(name) == ".html" {
		data = inject(data, s.tag)
	}
	if s.ready.size.Add(int64(len(data))) <= maxServedBytes {
		if prev, loaded := s.ready.files.LoadOrStore(name, data); loaded {
			// Another request made it first: keep one copy.
			s.ready.size.Add(-int64(len(data)))
			return prev.([]byte), true
		}
	} else {
		s.ready.size.Add(-int64(len(data)))
	}
	return data, true
}

// inject returns page with tag before the last </body>, or at the end.
func inject(page, tag []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(tag))
	out = append(out, page[:i]...)
	out = append(out, tag...)
	return append(out, page[i:]...)
}
