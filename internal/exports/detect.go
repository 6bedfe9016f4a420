package exports

import (
	"bytes"
	"encoding/binary"
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
// Positions are 1-based physical lines, 0 when not seen.
type scan struct {
	maxLine     int  // longest line accepted, in bytes
	bom         bool // starts with a UTF-8 byte-order mark
	utf16       bool // starts with a UTF-16 byte-order mark
	blank       bool // nothing but white space (after any BOM)
	crOnly      bool // the first line ends with a lone CR (classic Mac OS line endings); CR CR LF is not one
	controlAt   int  // first forbidden control byte
	undefinedAt int  // first byte Windows-1252 leaves undefined
	longAt      int  // first line longer than maxLine
	invalidAt   int  // first byte that is not valid UTF-8
	utf8At      int  // first valid multi-byte UTF-8 sequence
	bomAt       int  // first byte-order mark after the start of the file
	lines       int  // newlines seen so far
	lastLine    int  // line of the last byte, once the scan is over
	lineLen     int  // bytes of the current line so far
	prevCR      bool // the previous byte was a CR
	carry       []byte
	first       bool
	nonBlank    bool
	last        byte
}

// scanFile reads r to the end and classifies its bytes; it does not rewind.
func scanFile(r io.Reader, maxLine int) (*scan, error) {
	s := &scan{first: true, maxLine: maxLine}
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
	s.lastLine = s.lines
	if s.last != '\n' {
		s.lastLine++
	}
	if len(s.carry) > 0 && s.invalidAt == 0 {
		s.invalidAt = s.lastLine
	}
	s.blank = !s.nonBlank
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
	if len(p) == 0 {
		return
	}
	line := s.lines + 1
	s.bytes(p)
	s.last = p[len(p)-1]
	if s.invalidAt > 0 && s.utf8At > 0 {
		return // mixed encodings: nothing more to learn
	}
	data := p
	if len(s.carry) > 0 {
		data = append(s.carry, p...)
	}
	cut := incompleteTail(data)
	s.carry = append([]byte(nil), data[cut:]...)
	s.runes(data[:cut], line)
}

// bytes looks at single bytes: blanks, control bytes, newlines, line
// lengths and bytes undefined in Windows-1252.
func (s *scan) bytes(p []byte) {
	// Most of a file is printable ASCII, which changes nothing but the
	// line length once a non-blank byte has been seen: eight such bytes
	// are passed over at once, and the rest looked at one by one.
	for len(p) >= 8 {
		if s.nonBlank && plainASCII(binary.LittleEndian.Uint64(p)) {
			if s.prevCR && s.lines == 0 {
				s.crOnly = true
			}
			s.prevCR = false
			s.lineLen += 8
			if s.lineLen > s.maxLine && s.longAt == 0 {
				s.longAt = s.lines + 1
			}
			p = p[8:]
			continue
		}
		s.eachByte(p[:8])
		p = p[8:]
	}
	s.eachByte(p)
}

// plainASCII reports whether the eight bytes of x are all printable ASCII
// or DEL (0x20 to 0x7F): no newline, control byte or byte past ASCII.
func plainASCII(x uint64) bool {
	const high, spaces = 0x8080808080808080, 0x2020202020202020
	// A byte under 0x20 borrows when 0x20 is taken from it, which sets
	// its high bit where x has none; bytes of 0x80 and more are excluded
	// first, so that no borrow crosses into the next byte.
	return x&high == 0 && (x-spaces)&^x&high == 0
}

// eachByte is bytes, one byte at a time.
func (s *scan) eachByte(p []byte) {
	for _, c := range p {
		if s.prevCR && c != '\n' && c != '\r' && s.lines == 0 {
			s.crOnly = true
		}
		s.prevCR = c == '\r'
		s.lineLen++
		switch {
		case c == '\n':
			s.lines++
			s.lineLen = 0
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
		case c < 0x20 && c != 0x1A:
			if s.controlAt == 0 {
				s.controlAt = s.lines + 1
			}
		case c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D:
			if s.undefinedAt == 0 {
				s.undefinedAt = s.lines + 1
			}
			s.nonBlank = true
		default:
			s.nonBlank = true
		}
		if s.lineLen > s.maxLine && s.longAt == 0 {
			s.longAt = s.lines + 1
		}
	}
}

// runes records where the first valid multi-byte sequence, the first
// invalid byte and the first byte-order mark of d are; d holds whole runes
// and starts on line.
func (s *scan) runes(d []byte, line int) {
	if utf8.Valid(d) {
		if i := firstNonASCII(d); i >= 0 && s.utf8At == 0 {
			s.utf8At = line + bytes.Count(d[:i], []byte{'\n'})
		}
		if i := bytes.Index(d, bom); i >= 0 && s.bomAt == 0 {
			s.bomAt = line + bytes.Count(d[:i], []byte{'\n'})
		}
		return
	}
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		switch {
		case r == utf8.RuneError && n == 1 && s.invalidAt == 0:
			s.invalidAt = line
		case n > 1 && s.utf8At == 0:
			s.utf8At = line
		case r == '\n':
			line++
		}
		if r == '\uFEFF' && s.bomAt == 0 {
			s.bomAt = line
		}
		d = d[n:]
	}
}

func firstNonASCII(d []byte) int {
	const high = 0x8080808080808080
	start := 0
	for start+8 <= len(d) && binary.LittleEndian.Uint64(d[start:])&high == 0 {
		start += 8
	}
	for i, c := range d[start:] {
		if c >= utf8.RuneSelf {
			return start + i
		}
	}
	return -1
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

// encoding names the detected encoding, or a file reject reason and the
// line it is tied to.
func (s *scan) encoding() (enc, reason string, line int) {
	switch {
	case s.utf16:
		return "", ReasonUndecodable, 0
	case s.controlAt > 0:
		return "", ReasonNotCSV, s.controlAt
	case s.blank:
		return "", ReasonEmptyFile, 0
	case s.crOnly:
		return "", ReasonCROnly, 1
	case s.longAt > 0:
		return "", ReasonLineTooLong, s.longAt
	case s.bom && s.invalidAt > 0:
		return "", ReasonUndecodable, s.invalidAt
	case s.invalidAt > 0 && s.utf8At > 0:
		return "", ReasonMixedEncoding, max(s.invalidAt, s.utf8At)
	case s.invalidAt == 0 && s.bomAt > 0:
		return "", ReasonMisplacedBOM, s.bomAt
	case s.bom:
		return EncodingUTF8BOM, "", 0
	case s.invalidAt == 0:
		return EncodingUTF8, "", 0
	case s.undefinedAt > 0:
		return "", ReasonUndecodable, s.undefinedAt
	}
	return EncodingWindows1252, "", 0
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
