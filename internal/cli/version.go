package cli

import (
	"fmt"
	"io"
	"runtime/debug"
	"strings"
)

// buildInfo is what the binary knows of its own build: the module version
// ("(devel)" for a build from a checkout without a version stamp), the VCS
// revision and time, whether the tree had uncommitted changes, and the Go
// version.
type buildInfo struct {
	version, revision, time, goVersion string
	modified                           bool
}

func readBuildInfo() buildInfo {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return buildInfo{version: "unknown"}
	}
	out := buildInfo{version: bi.Main.Version, goVersion: bi.GoVersion}
	if out.version == "" {
		out.version = "(devel)"
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			out.revision = s.Value
		case "vcs.time":
			out.time = s.Value
		case "vcs.modified":
			out.modified = s.Value == "true"
		}
	}
	return out
}

// String is one line: "docsgen v1.2.3, revision 0123abcd (2026-12-01T10:00:00Z, modified), go1.26.8".
func (b buildInfo) String() string {
	s := "docsgen " + b.version
	if b.revision == "" {
		s += ", revision unknown (built without VCS stamping: -buildvcs=false, or outside a git checkout)"
	} else {
		s += ", revision " + b.revision
		var notes []string
		if b.time != "" {
			notes = append(notes, b.time)
		}
		if b.modified {
			notes = append(notes, "modified")
		}
		if len(notes) > 0 {
			s += " (" + strings.Join(notes, ", ") + ")"
		}
	}
	if b.goVersion != "" {
		s += ", " + b.goVersion
	}
	return s
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("version", "Prints docsgen's module version and the VCS revision it was built from.", stderr)
	if code, stop := parse(fs, args, stdout); stop {
		return code
	}
	fmt.Fprintln(stdout, readBuildInfo())
	return ExitOK
}
