package render

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// palette is Okabe and Ito's, which readers with a colour deficiency tell
// apart; textures tell the series apart in grey print as well.
var (
	palette  = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"}
	textures = []string{"", "stripes", "dots", "cross", "hstripes", "rstripes"}
)

// chart is a bar chart's data; layout turns it into shapes the template
// draws, so that every label is escaped like the rest of the page.
type chart struct {
	ID, Title, Caption string
	XLabel, YLabel     string
	Categories         []string
	Series             []string
	Values             [][]*float64 // by category, then series; a nil category has no data
	Stacked            bool
	Horizontal         bool   // draws stacked bars only
	Percent            bool   // values are percentages
	NilText            string // says why a value is missing
}

type svgView struct {
	ID, Title, Desc, Caption string
	Width, Height            float64
	Patterns                 []svgPattern
	Lines                    []svgLine
	Rects                    []svgRect
	Texts                    []svgText
}

type svgPattern struct{ ID, Color, Texture string }

type svgLine struct {
	X1, Y1, X2, Y2 float64
	Class          string
}

type svgRect struct {
	X, Y, W, H float64
	Fill       string
}

type svgText struct {
	X, Y                  float64
	Anchor, Class, Rotate string
	S                     string
}

const (
	chartWidth = 720.0
	charWidth  = 6.8 // of 12px text, to lay out labels without measuring them
)

func (c chart) format(v float64) string {
	if c.Percent {
		return number(v, 1) + "%"
	}
	return number(v, 0)
}

func (c chart) fill(series int) string {
	if textures[series%len(textures)] == "" {
		return palette[series%len(palette)]
	}
	return fmt.Sprintf("url(#%s-p%d)", c.ID, series)
}

// desc is the chart's text alternative: every figure it draws.
func (c chart) desc() string {
	nilText := c.NilText
	if nilText == "" {
		nilText = "không xác định"
	}
	var parts []string
	for i, cat := range c.Categories {
		row := c.Values[i]
		if row == nil {
			parts = append(parts, cat+": chưa có số liệu")
			continue
		}
		var vals []string
		total := 0.0
		for j, s := range c.Series {
			switch {
			case row[j] == nil:
				vals = append(vals, strings.TrimSpace(s+" "+nilText))
			case c.Stacked && *row[j] == 0:
			default:
				total += *row[j]
				vals = append(vals, s+" "+c.format(*row[j]))
			}
		}
		switch {
		case c.Stacked:
			parts = append(parts, fmt.Sprintf("%s: tổng %s (%s)", cat, c.format(total), strings.Join(vals, ", ")))
		case len(c.Series) == 1 && row[0] == nil:
			parts = append(parts, cat+": "+nilText)
		case len(c.Series) == 1:
			parts = append(parts, cat+": "+c.format(*row[0]))
		default:
			parts = append(parts, cat+": "+strings.Join(vals, ", "))
		}
	}
	return c.Title + ". " + strings.Join(parts, "; ") + "."
}

// max is the top of the tallest bar or stack.
func (c chart) max() float64 {
	m := 0.0
	for _, row := range c.Values {
		sum := 0.0
		for _, v := range row {
			if v == nil {
				continue
			}
			if c.Stacked {
				sum += *v
			} else {
				sum = math.Max(sum, *v)
			}
		}
		m = math.Max(m, sum)
	}
	return m
}

// niceScale picks an axis top and a step of 1, 2, 2.5 or 5 times a power
// of ten, about five steps in all; counts get whole steps.
func niceScale(max float64, whole bool) (top, step float64) {
	if max <= 0 {
		max = 1
	}
	raw := max / 5
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if step = m * mag; step >= raw {
			break
		}
	}
	if whole {
		step = math.Max(1, math.Ceil(step))
	}
	return math.Ceil(max/step-1e-9) * step, step
}

func (c chart) tick(v, step float64) string {
	s := number(v, 0)
	if step != math.Trunc(step) {
		s = number(v, 1)
	}
	if c.Percent {
		s += "%"
	}
	return s
}

func (c chart) layout() svgView {
	v := svgView{ID: c.ID, Title: c.Title, Desc: c.desc(), Caption: c.Caption, Width: chartWidth}
	for j := range c.Series {
		if t := textures[j%len(textures)]; t != "" {
			v.Patterns = append(v.Patterns, svgPattern{fmt.Sprintf("%s-p%d", c.ID, j), palette[j%len(palette)], t})
		}
	}
	top := v.legend(c)
	if c.Horizontal {
		v.horizontal(c, top)
	} else {
		v.vertical(c, top)
	}
	return v
}

// legend lays the series out in lines across the chart's top and
// returns where the plot may begin.
func (v *svgView) legend(c chart) float64 {
	if len(c.Series) < 2 {
		return 16
	}
	x, y := 8.0, 18.0
	for j, s := range c.Series {
		w := 20 + float64(utf8.RuneCountInString(s))*charWidth + 18
		if x > 8 && x+w > chartWidth-8 {
			x, y = 8, y+22
		}
		v.Rects = append(v.Rects, svgRect{X: x, Y: y - 11, W: 14, H: 14, Fill: c.fill(j)})
		v.Texts = append(v.Texts, svgText{X: x + 20, Y: y, Anchor: "start", S: s})
		x += w
	}
	return y + 16
}

func (v *svgView) text(x, y float64, anchor, class, s string) {
	v.Texts = append(v.Texts, svgText{X: round(x), Y: round(y), Anchor: anchor, Class: class, S: s})
}

func (v *svgView) rect(x, y, w, h float64, fill string) {
	v.Rects = append(v.Rects, svgRect{round(x), round(y), round(w), round(h), fill})
}

func (v *svgView) line(x1, y1, x2, y2 float64, class string) {
	v.Lines = append(v.Lines, svgLine{round(x1), round(y1), round(x2), round(y2), class})
}

func round(f float64) float64 { return math.Round(f*10) / 10 }

func (v *svgView) vertical(c chart, legendBottom float64) {
	const left, right, bottom, plotH = 64.0, 16.0, 52.0, 260.0
	top := legendBottom + 18 // room for the value over the tallest bar
	v.Height = top + plotH + bottom
	plotW := chartWidth - left - right
	base := top + plotH
	hi, step := niceScale(c.max(), !c.Percent)
	y := func(val float64) float64 { return base - val/hi*plotH }
	for t := 0.0; t <= hi+step/2; t += step {
		v.line(left, y(t), chartWidth-right, y(t), "grid")
		v.text(left-6, y(t)+4, "end", "tick", c.tick(t, step))
	}
	v.line(left, top, left, base, "axis")
	v.line(left, base, chartWidth-right, base, "axis")
	v.Texts = append(v.Texts, svgText{X: 14, Y: round(top + plotH/2), Anchor: "middle", Class: "axis-title",
		Rotate: fmt.Sprintf("rotate(-90 14 %v)", round(top+plotH/2)), S: c.YLabel})
	v.text(left+plotW/2, v.Height-10, "middle", "axis-title", c.XLabel)

	band := plotW / float64(max(1, len(c.Categories)))
	for i, cat := range c.Categories {
		cx := left + band*(float64(i)+0.5)
		v.text(cx, base+18, "middle", "cat", cat)
		row := c.Values[i]
		if row == nil {
			v.text(cx, base-30, "middle", "absent", "chưa có")
			v.text(cx, base-16, "middle", "absent", "số liệu")
			continue
		}
		if c.Stacked {
			v.stack(c, row, cx, min(band*0.55, 80), y)
			continue
		}
		k := float64(len(row))
		gw := min(band*0.8, 60*k)
		bw := gw / k
		for j, val := range row {
			x := cx - gw/2 + float64(j)*bw
			if val == nil {
				v.text(x+bw/2, base-6, "middle", "absent", "—")
				continue
			}
			v.rect(x+1, y(*val), bw-2, base-y(*val), c.fill(j))
			if bw >= 30 {
				v.text(x+bw/2, y(*val)-5, "middle", "v", c.format(*val))
				continue
			}
			// Narrow bars take their value upright, so neighbours do not overlap.
			lx, ly := round(x+bw/2+4), round(y(*val)-4)
			v.Texts = append(v.Texts, svgText{X: lx, Y: ly, Anchor: "start", Class: "v",
				Rotate: fmt.Sprintf("rotate(-90 %v %v)", lx, ly), S: c.format(*val)})
		}
	}
}

func (v *svgView) stack(c chart, row []*float64, cx, bw float64, y func(float64) float64) {
	acc := 0.0
	for j, val := range row {
		if val == nil || *val == 0 {
			continue
		}
		y0, y1 := y(acc), y(acc+*val)
		v.rect(cx-bw/2, y1, bw, y0-y1, c.fill(j))
		if y0-y1 >= 15 {
			v.text(cx, (y0+y1)/2+4, "middle", "v", c.format(*val))
		}
		acc += *val
	}
	v.text(cx, y(acc)-5, "middle", "v total", c.format(acc))
}

// horizontal draws stacked bars, one row per category, for categories
// whose names are too long to sit under a bar.
func (v *svgView) horizontal(c chart, legendBottom float64) {
	const left, right, rowH, barH = 200.0, 64.0, 32.0, 20.0
	top := legendBottom + 22 // room for the category axis' title
	plotW := chartWidth - left - right
	base := top + rowH*float64(len(c.Categories))
	v.Height = base + 48
	hi, step := niceScale(c.max(), !c.Percent)
	x := func(val float64) float64 { return left + val/hi*plotW }
	for t := 0.0; t <= hi+step/2; t += step {
		v.line(x(t), top, x(t), base, "grid")
		v.text(x(t), base+16, "middle", "tick", c.tick(t, step))
	}
	v.line(left, top, left, base, "axis")
	v.line(left, base, chartWidth-right, base, "axis")
	v.text(left-8, top-8, "end", "axis-title", c.YLabel)
	v.text(left+plotW/2, v.Height-8, "middle", "axis-title", c.XLabel)
	for i, cat := range c.Categories {
		cy := top + rowH*(float64(i)+0.5)
		v.text(left-8, cy+4, "end", "cat", cat)
		if c.Values[i] == nil {
			v.text(left+6, cy+4, "start", "absent", "chưa có số liệu")
			continue
		}
		acc := 0.0
		for j, val := range c.Values[i] {
			if val == nil || *val == 0 {
				continue
			}
			x0, x1 := x(acc), x(acc+*val)
			v.rect(x0, cy-barH/2, x1-x0, barH, c.fill(j))
			if x1-x0 >= 26 {
				v.text((x0+x1)/2, cy+4, "middle", "v", c.format(*val))
			}
			acc += *val
		}
		v.text(x(acc)+6, cy+4, "start", "v total", c.format(acc))
	}
}
