//! Go's `text/tabwriter` as kubectl configures it (KUBECTL.md §0.3): cells end at a TAB, the text
//! after a line's last TAB is not padded, a line without any TAB ends every column block, and a
//! column is as wide as its longest cell plus the padding, never narrower than `minwidth`.
//!
//! Two settings exist: `get` tables (minwidth 6, padding 3, `RememberWidths` from
//! github.com/liggitt/tabwriter) and `describe` / `rollout history` (minwidth 0, padding 2). Both
//! pad with spaces and align left, so the tab width never matters.

/// One configuration of the tab writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TabWriter {
    minwidth: usize,
    padding: usize,
    remember_widths: bool,
}

/// The settings of `kubectl get` tables (cli-runtime `printers.GetNewTabWriter`).
pub const GET: TabWriter = TabWriter {
    minwidth: 6,
    padding: 3,
    remember_widths: true,
};

/// The settings of `kubectl describe` and `rollout history` (`tabbedString`).
pub const DESCRIBE: TabWriter = TabWriter {
    minwidth: 0,
    padding: 2,
    remember_widths: false,
};

/// The working state of one rendering: the output and, with `RememberWidths`, the widest each
/// column has been so far.
struct Run<'a> {
    config: TabWriter,
    lines: &'a [Vec<&'a str>],
    widths: Vec<usize>,
    max_widths: Vec<usize>,
    out: String,
}

impl TabWriter {
    /// Renders `text` as the writer would after a final `Flush`.
    pub fn render(&self, text: &str) -> String {
        let lines: Vec<Vec<&str>> = text.split('\n').map(|l| l.split('\t').collect()).collect();
        let mut run = Run {
            config: *self,
            lines: &lines,
            widths: Vec::new(),
            max_widths: Vec::new(),
            out: String::with_capacity(text.len() * 2),
        };
        // A newline-terminated line with a single cell flushes everything buffered so far.
        let mut start = 0;
        for (i, line) in lines.iter().enumerate() {
            let terminated = i + 1 < lines.len();
            if terminated && line.len() == 1 {
                run.format(start, i + 1);
                start = i + 1;
            }
        }
        run.format(start, lines.len());
        run.out
    }
}

impl Run<'_> {
    /// Go's `format`: finds the column blocks of lines `line0..line1` recursively.
    fn format(&mut self, mut line0: usize, line1: usize) {
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            self.write_lines(line0, this);
            line0 = this;
            let mut width = self.config.minwidth;
            while this < line1 {
                let line = &self.lines[this];
                if column + 1 >= line.len() {
                    break;
                }
                width = width.max(line[column].chars().count() + self.config.padding);
                this += 1;
            }
            if self.config.remember_widths {
                match self.max_widths.get(column).copied() {
                    None => self.max_widths.push(width),
                    Some(max) if max > width => width = max,
                    Some(_) => self.max_widths[column] = width,
                }
            }
            self.widths.push(width);
            self.format(line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(line0, line1);
    }

    /// Go's `writeLines`: pads the cells that belong to a column; the last line of the text has
    /// no newline of its own.
    fn write_lines(&mut self, line0: usize, line1: usize) {
        for i in line0..line1 {
            let line = &self.lines[i];
            for (j, cell) in line.iter().enumerate() {
                self.out.push_str(cell);
                if let Some(width) = self.widths.get(j) {
                    let used = cell.chars().count();
                    self.out
                        .extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
                }
            }
            if i + 1 < self.lines.len() {
                self.out.push('\n');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DESCRIBE, GET};

    #[test]
    fn get_tables_pad_columns_to_the_longest_cell_plus_three() {
        let table: &[(&str, &str)] = &[
            (
                "NAME\tREADY\tUP-TO-DATE\tAVAILABLE\tAGE\nnginx-deployment\t2/3\t1\t2\t2m3s\nredis\t1/1\t1\t1\t3h4m\n",
                "NAME               READY   UP-TO-DATE   AVAILABLE   AGE\n\
                 nginx-deployment   2/3     1            2           2m3s\n\
                 redis              1/1     1            1           3h4m\n",
            ),
            // minwidth 6: a short column is still 6 wide.
            ("A\tB\nx\ty\n", "A     B\nx     y\n"),
            // the last cell is never padded, so lines have no trailing spaces.
            ("NAME\tAGE\nweb\t5s\n", "NAME   AGE\nweb    5s\n"),
            // text without a final newline is written as is.
            ("a\tb", "a     b"),
            ("", ""),
        ];
        for (input, want) in table {
            assert_eq!(GET.render(input), *want, "{input:?}");
        }
    }

    #[test]
    fn describe_pads_by_two_and_blocks_end_at_lines_without_tabs() {
        let table: &[(&str, &str)] = &[
            (
                "Name:\tweb\nNamespace:\tdefault\n",
                "Name:       web\nNamespace:  default\n",
            ),
            // a line without a tab ends the block: the next block is aligned on its own.
            (
                "Name:\tweb\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=abc\n",
                "Name:  web\nPod Template:\n  Labels:  app=web\n           pod-template-hash=abc\n",
            ),
            // nested blocks: the second column only spans the lines that have a third cell.
            (
                "  Type\tStatus\tReason\n  ----\t------\t------\n  Available \tTrue\tMinimumReplicasAvailable\n  Progressing \tTrue\tNewReplicaSetAvailable\n",
                "  Type          Status  Reason\n  ----          ------  ------\n  Available     True    MinimumReplicasAvailable\n  Progressing   True    NewReplicaSetAvailable\n",
            ),
            // minwidth 0: an empty cell takes only the padding.
            ("\tx\n", "  x\n"),
        ];
        for (input, want) in table {
            assert_eq!(DESCRIBE.render(input), *want, "{input:?}");
        }
    }

    #[test]
    fn cells_are_measured_in_characters_not_bytes() {
        assert_eq!(DESCRIBE.render("é\tx\nab\ty\n"), "é   x\nab  y\n");
    }
}
