package output

import (
	"bufio"
	"io"
	"os"
)

// Streamer is a Writer that can also write a file as it is made, for a
// file too large to hold whole: llms-full.txt is as large as the site's
// Markdown, 350 MB at 100,000 pages.
type Streamer interface {
	Writer
	// WriteStream writes the file name with the bytes fill writes to w,
	// and returns once it is written, with fill's error or the writer's.
	WriteStream(name string, fill func(w io.Writer) error) error
}

// WriteStream writes the file name through the writer goroutine, in turn
// with the files queued before it, and waits for it. A streamed file is
// always written, never linked from the previous output: telling would
// mean making it twice.
func (d *Dir) WriteStream(name string, fill func(w io.Writer) error) error {
	if err := d.writable(name); err != nil {
		return err
	}
	done := make(chan error, 1)
	d.queue <- file{name: name, stream: fill, done: done}
	return <-done
}

// writeStream creates the file name and writes into it what fill writes.
func writeStream(name string, fill func(w io.Writer) error) error {
	fh, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(fh, 1<<20)
	err = fill(bw)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	return err
}
