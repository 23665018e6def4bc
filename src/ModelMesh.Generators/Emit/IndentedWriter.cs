using System.Text;

namespace ModelMesh.Generators.Emit
{
    /// <summary>Writes lines with four-space indentation and LF line endings (deterministic output).</summary>
    internal sealed class IndentedWriter
    {
        private readonly StringBuilder _text = new StringBuilder();
        private int _depth;

        public IndentedWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _depth * 4);
                _text.Append(line);
            }
            _text.Append('\n');
            return this;
        }

        public IndentedWriter Open(string line, bool bare = false)
        {
            if (!bare)
            {
                Line(line);
            }
            Line("{");
            _depth++;
            return this;
        }

        public IndentedWriter Close(string suffix = "")
        {
            _depth--;
            return Line("}" + suffix);
        }

        public override string ToString() => _text.ToString();
    }
}
