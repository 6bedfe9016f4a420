package exports

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// Encodings reported in FileInfo.Encoding.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF8BOM     = "utf-8-bom"
	EncodingWindows1252 = "windows-1252"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// scan is what one pass over the raw bytes of a file tells about it.
type scan struct {
	bom        bool
	utf16      bool // starts with a UTF-16 byte-order mark
	invalid    bool // not valid UTF-8
	undefined  bool // holds a byte Windows-1252 leaves undefined
	blank      bool // nothing but white space (after any BOM)
	controlAt  int  // line of the first forbidden control byte, 0 if none
	lines      int  // newlines seen so far
	carry      []byte
	first      bool
	nonBlankAt bool
}

// scanFile reads r to the end and classifies its bytes; it does not rewind.
func scanFile(r io.Reader) (*scan, error) {
	s := &scan{first: true}
	buf := make([]byte, 64*1024)
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			s.feed(buf[:n])
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(s.carry) > 0 && !utf8.Valid(s.carry) {
		s.invalid = true
	}
	s.blank = !s.nonBlankAt
	return s, nil
}

// feed classifies one chunk, keeping an incomplete trailing rune for the
// next chunk.
func (s *scan) feed(p []byte) {
	if s.first {
		s.first = false
		s.bom = bytes.HasPrefix(p, bom)
		s.utf16 = bytes.HasPrefix(p, []byte{0xFF, 0xFE}) || bytes.HasPrefix(p, []byte{0xFE, 0xFF})
		if s.bom {
			p = p[len(bom):]
		}
	}
	s.bytes(p)
	if s.invalid {
		return
	}
	data := p
	if len(s.carry) > 0 {
		data = append(s.carry, p...)
	}
	cut := incompleteTail(data)
	if !utf8.Valid(data[:cut]) {
		s.invalid = true
	}
	s.carry = append([]byte(nil), data[cut:]...)
}

// bytes looks at single bytes: blanks, control bytes, newlines and bytes
// undefined in Windows-1252.
func (s *scan) bytes(p []byte) {
	for _, c := range p {
		switch {
		case c == '\n':
			s.lines++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
		case c < 0x20 && c != 0x1A:
			if s.controlAt == 0 {
				s.controlAt = s.lines + 1
			}
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
			s.undefined = true
			s.nonBlankAt = true
		default:
			s.nonBlankAt = true
		}
	}
}

// incompleteTail returns where a trailing incomplete UTF-8 sequence starts
// in p, or len(p).
func incompleteTail(p []byte) int {
	for i := len(p) - 1; i >= 0 && i >= len(p)-utf8.UTFMax+1; i-- {
		if utf8.RuneStart(p[i]) {
			if !utf8.FullRune(p[i:]) {
				return i
			}
			break
		}
	}
	return len(p)
}

// encoding names the detected encoding, or a file reject reason.
func (s *scan) encoding() (enc, reason string) {
	switch {
	case s.utf16:
		return "", ReasonUndecodable
	case s.controlAt > 0:
		return "", ReasonNotCSV
	case s.blank:
		return "", ReasonEmptyFile
	case s.bom && s.invalid:
		return "", ReasonUndecodable
	case s.bom:
		return EncodingUTF8BOM, ""
	case !s.invalid:
		return EncodingUTF8, ""
	case s.undefined:
		return "", ReasonUndecodable
	}
	return EncodingWindows1252, ""
}

// detectDelimiter picks ',' or ';' by counting both outside quotes on the
// first non-blank line of head (decoded text); a tie goes to ','.
func detectDelimiter(head []byte) rune {
	commas, semis, quoted, seen := 0, 0, false, false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\n' && seen:
			return pick(commas, semis)
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
		if c > ' ' {
			seen = true
		}
	}
	return pick(commas, semis)
}

func pick(commas, semis int) rune {
	if semis > commas {
		return ';'
	}
	return ','
}
