package docx

import (
	"archive/zip"
	"bytes"
	"io"
)

// Parts reads a package's parts by name, so that a test can look inside
// a document it was given.
func Parts(b []byte) (map[string][]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	parts := map[string][]byte{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		parts[f.Name] = body
	}
	return parts, nil
}
