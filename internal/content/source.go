package content

import (
	"fmt"
	"hash/crc32"
	"io/fs"
)

// drop lets the page's source go, keeping what Site.Source needs to read
// it again and know it unchanged.
func (p *Page) drop() {
	p.bodyAt = len(p.Source) - len(p.Body)
	p.sum = checksum(p.Source)
	p.Source, p.Body, p.dropped = nil, nil, true
}

// Source returns page p's source and body: Page.Source and Page.Body, or,
// when the Site was loaded with DropSources, the file read again and
// cleaned as Load cleaned it. A file that changed or went away since Load
// parsed it is an error naming it: its front matter, title and position in
// the site were taken from what Load read, so the build must start again.
func (s *Site) Source(p *Page) (src, body []byte, err error) {
	if !p.dropped {
		return p.Source, p.Body, nil
	}
	if s.src == nil {
		return nil, nil, fmt.Errorf("%s: the page's source was let go and the site cannot read it again", p.File)
	}
	data, err := fs.ReadFile(s.src.fsys, p.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: cannot read the page again: %w; build again", p.File, unwrapPathError(err))
	}
	data, problem := cleanText(p.File, data)
	if problem.Msg != "" || len(data) != p.Size || checksum(data) != p.sum {
		return nil, nil, fmt.Errorf("%s changed while the build was running; build again", p.File)
	}
	return data, data[p.bodyAt:], nil
}

// checksum is a CRC of b with the polynomial that CPUs compute in hardware.
func checksum(b []byte) uint32 { return crc32.Checksum(b, crc32.MakeTable(crc32.Castagnoli)) }
