-- Builds the tree-sitter parser for `cstack` from the C source committed in
-- `tree-sitter-cstack/src` with the system C compiler, into this plugin's
-- `parser/cstack.so`, where Neovim finds it on the runtimepath.
--
-- The committed parser uses tree-sitter ABI 15, which Neovim loads from 0.11
-- on. An older Neovim reports the newest ABI it loads in
-- `vim.treesitter.language_version` (14 for 0.7-0.10); for it the parser is
-- first regenerated at that ABI from the committed `src/grammar.json` with
-- the tree-sitter CLI (no node needed). Without the CLI the build stops with
-- an explanation instead of producing a library Neovim would refuse.
local M = {}

local function plugin_root()
  local source = debug.getinfo(1, 'S').source:sub(2)
  return vim.fn.fnamemodify(source, ':p:h:h:h')
end

-- `tree-sitter-cstack/` next to `editors/` in the repository this plugin
-- lives in.
function M.default_grammar_dir()
  return vim.fn.simplify(plugin_root() .. '/../../tree-sitter-cstack')
end

function M.default_output()
  return plugin_root() .. '/parser/cstack.so'
end

local function read_file(path)
  local file = io.open(path, 'r')
  if not file then
    return nil
  end
  local text = file:read('*a')
  file:close()
  return text
end

-- The ABI a generated `parser.c` was made for.
function M.source_abi(parser_c)
  local text = read_file(parser_c)
  local abi = text and text:match('#define%s+LANGUAGE_VERSION%s+(%d+)')
  return abi and tonumber(abi)
end

local function run(cmd)
  local output = vim.fn.system(cmd)
  return vim.v.shell_error == 0, output
end

local function fail(message)
  return false, 'cstack: ' .. message
end

-- Builds the parser. Options (all optional): `grammar_dir`, `output`, `cc`
-- (default `$CC` or `cc`), `tree_sitter` (the CLI, default `tree-sitter`),
-- `abi` (default: the newest this Neovim loads). Returns `ok, message`.
function M.build(opts)
  opts = opts or {}
  local grammar_dir = vim.fn.fnamemodify(opts.grammar_dir or M.default_grammar_dir(), ':p'):gsub('/$', '')
  local output = vim.fn.fnamemodify(opts.output or M.default_output(), ':p')
  local cc = opts.cc or vim.env.CC or 'cc'
  local wanted_abi = opts.abi or vim.treesitter.language_version
  local src = grammar_dir .. '/src'

  if vim.fn.filereadable(src .. '/parser.c') == 0 then
    return fail('no generated parser at ' .. src .. '/parser.c (set grammar_dir to the tree-sitter-cstack folder)')
  end
  if vim.fn.executable(cc) == 0 then
    return fail('no C compiler: ' .. cc .. ' is not executable (set $CC)')
  end

  local abi = M.source_abi(src .. '/parser.c')
  local parser_dir = src
  local scratch = vim.fn.tempname()
  local cleanup = function()
    vim.fn.delete(scratch, 'rf')
  end
  if abi == nil then
    return fail('cannot read LANGUAGE_VERSION from ' .. src .. '/parser.c')
  end
  if abi > wanted_abi then
    local cli = opts.tree_sitter or 'tree-sitter'
    if vim.fn.executable(cli) == 0 then
      return fail(string.format(
        'the committed parser uses tree-sitter ABI %d and this Neovim loads ABI <= %d; '
          .. 'install the tree-sitter CLI (cargo install tree-sitter-cli) to regenerate it at ABI %d, '
          .. 'or use Neovim 0.11 or newer',
        abi, wanted_abi, wanted_abi))
    end
    parser_dir = scratch .. '/src'
    vim.fn.mkdir(parser_dir, 'p')
    local ok, out = run({ cli, 'generate', '--abi', tostring(wanted_abi), '--output', parser_dir, src .. '/grammar.json' })
    if not ok or vim.fn.filereadable(parser_dir .. '/parser.c') == 0 then
      cleanup()
      return fail('tree-sitter generate --abi ' .. wanted_abi .. ' failed:\n' .. out)
    end
    abi = M.source_abi(parser_dir .. '/parser.c')
  end

  -- Compile next to the target and rename, so a failed build never leaves a
  -- broken library where Neovim would load it.
  vim.fn.mkdir(vim.fn.fnamemodify(output, ':h'), 'p')
  local partial = output .. '.partial'
  local sources = { parser_dir .. '/parser.c' }
  if vim.fn.filereadable(src .. '/scanner.c') == 1 then
    table.insert(sources, src .. '/scanner.c')
  end
  local cmd = { cc, '-shared', '-fPIC', '-O2', '-std=c11', '-I', parser_dir, '-I', src }
  vim.list_extend(cmd, sources)
  vim.list_extend(cmd, { '-o', partial })
  local ok, out = run(cmd)
  cleanup()
  if not ok then
    vim.fn.delete(partial)
    return fail('compiling the parser failed:\n' .. out)
  end
  if vim.fn.rename(partial, output) ~= 0 then
    vim.fn.delete(partial)
    return fail('could not move the parser to ' .. output)
  end
  return true, string.format('cstack: built %s (tree-sitter ABI %d)', output, abi)
end

-- Loads the `cstack` parser if one is on the runtimepath (or at `path`);
-- returns whether it loaded, and the error otherwise.
function M.load(path)
  if vim.treesitter.language and vim.treesitter.language.add then
    -- 0.9-0.10 raise an error on failure; 0.11+ return `nil, message`.
    local ok, added, err = pcall(vim.treesitter.language.add, 'cstack', path and { path = path } or nil)
    if not ok then
      return false, added
    end
    if added == nil and err ~= nil then
      return false, err
    end
    return true
  end
  return pcall(vim.treesitter.require_language, 'cstack', path)
end

-- Turns on tree-sitter highlighting in `bufnr` when the parser loads.
function M.highlight(bufnr)
  if not M.load() then
    return false
  end
  if vim.treesitter.start then
    return pcall(vim.treesitter.start, bufnr, 'cstack')
  end
  local ok, parser = pcall(vim.treesitter.get_parser, bufnr, 'cstack')
  if not ok then
    return false
  end
  vim.treesitter.highlighter.new(parser)
  -- As `vim.treesitter.start` does on newer versions: tree-sitter replaces
  -- the regex syntax.
  vim.bo[bufnr].syntax = ''
  return true
end

function M.register_command()
  vim.api.nvim_create_user_command('CstackBuildParser', function(command)
    local ok, message = M.build({ grammar_dir = command.args ~= '' and command.args or nil })
    vim.notify(message, ok and vim.log.levels.INFO or vim.log.levels.ERROR)
  end, {
    nargs = '?',
    complete = 'dir',
    desc = 'Build the cstack tree-sitter parser from tree-sitter-cstack/src',
  })
end

return M
