-- End-to-end test of the Neovim plugin, run by test/run.sh in a headless
-- Neovim: filetype detection, the LSP configuration, building and loading
-- the tree-sitter parser with the committed queries, and cstack-lsp driven
-- through Neovim's own LSP client (diagnostics, hover, definition, an edit,
-- :checkhealth, shutdown).
--
-- Inputs (environment): CSTACK_LSP (server executable), CSTACK_WORKSPACE (a
-- scratch copy of test/fixtures/workspace), CSTACK_SCRATCH (a scratch dir).
-- Prints one line per check and `N passed, N failed`; exits non-zero on any
-- failure.
local plugin = vim.g.cstack_test_plugin_dir
local server = assert(os.getenv('CSTACK_LSP'), 'CSTACK_LSP is not set')
local workspace = assert(os.getenv('CSTACK_WORKSPACE'), 'CSTACK_WORKSPACE is not set')
local scratch = assert(os.getenv('CSTACK_SCRATCH'), 'CSTACK_SCRATCH is not set')
local schema = workspace .. '/blog.cstack'
-- How long to wait for the server; CSTACK_TEST_TIMEOUT_MS overrides it.
local timeout_ms = tonumber(os.getenv('CSTACK_TEST_TIMEOUT_MS') or '') or 20000

local passed, failed = 0, 0

local function out(line)
  io.stdout:write(line, '\n')
end

local function check(name, fn)
  local ok, err = xpcall(fn, debug.traceback)
  if ok then
    passed = passed + 1
    out('ok - ' .. name)
  else
    failed = failed + 1
    out('not ok - ' .. name)
    for line in tostring(err):gmatch('[^\n]+') do
      -- The message and the check's own frames; not the harness below them.
      if line:find('in function .xpcall.') then
        break
      end
      if not line:find('in function .error.') and not line:find('in function .expect.') and not line:find('in function .eq.') then
        out('#   ' .. line)
      end
    end
  end
end

local function expect(cond, message)
  if not cond then
    error(message or 'expectation failed', 2)
  end
end

local function eq(actual, expected, what)
  if not vim.deep_equal(actual, expected) then
    error(string.format('%s: expected %s, got %s', what or 'value', vim.inspect(expected), vim.inspect(actual)), 2)
  end
end

-- Zero-based line of the first line of the buffer containing `text`, and the
-- byte column of `text` in it.
local function find(bufnr, text)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(text, 1, true)
    if col then
      return i - 1, col - 1
    end
  end
  error('text not in buffer: ' .. text, 2)
end

local function position_params(bufnr, line, col)
  return {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = line, character = col },
  }
end

-- One request through every client attached to `bufnr`; the first result.
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms)
  expect(responses, method .. ' got no response: ' .. tostring(err))
  for _, response in pairs(responses) do
    expect(response.err == nil, method .. ' failed: ' .. vim.inspect(response.err))
    return response.result
  end
  error(method .. ': no client answered')
end

local function hover_text(result)
  expect(result and result.contents, 'hover returned nothing')
  local contents = result.contents
  if type(contents) == 'string' then
    return contents
  end
  if contents.value then
    return contents.value
  end
  local parts = {}
  for _, part in ipairs(contents) do
    table.insert(parts, type(part) == 'string' and part or part.value)
  end
  return table.concat(parts, '\n')
end

local function diagnostic_code(d)
  if d.code ~= nil then
    return d.code
  end
  local lsp = d.user_data and d.user_data.lsp
  return lsp and lsp.code
end

-- The same calls across Neovim 0.7 to 0.11+, whose APIs moved.
local get_query = vim.treesitter.query.get or vim.treesitter.get_query
local get_node_text = vim.treesitter.get_node_text or vim.treesitter.query.get_node_text
local modern = vim.fn.has('nvim-0.11') == 1

local function cstack_clients(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'cstack' })
  end
  local clients = {}
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'cstack' then
      table.insert(clients, client)
    end
  end
  return clients
end

local function is_stopped(client)
  if modern then
    return client:is_stopped()
  end
  return client.is_stopped()
end

-- ---------------------------------------------------------------------------

check('*.cstack files get the cstack filetype and its buffer settings', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(scratch .. '/detect.cstack'))
  eq(vim.bo.filetype, 'cstack', 'filetype')
  eq(vim.bo.commentstring, '// %s', 'commentstring')
  expect(vim.bo.comments:find(':///', 1, true) == 1, 'doc comments come first in comments: ' .. vim.bo.comments)
  expect(vim.bo.formatoptions:find('r', 1, true), 'formatoptions continues comments on Enter')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '  @@allow("read", true)' })
  vim.api.nvim_win_set_cursor(0, { 1, 4 })
  eq(vim.fn.expand('<cword>'), '@@allow', 'the word under the cursor keeps its sigil')
  vim.api.nvim_buf_set_lines(0, 0, -1, false, { '/// A post.' })
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.cmd([[execute "normal! A\<CR>Second line."]])
  vim.cmd('normal! oThird line.')
  eq(vim.api.nvim_buf_get_lines(0, 0, -1, false), { '/// A post.', '/// Second line.', '/// Third line.' }, 'doc comment continued')
  vim.cmd('bwipeout!')
end)

check('the regex syntax colours a schema where no parser is loaded', function()
  vim.cmd('syntax on')
  vim.cmd('edit ' .. vim.fn.fnameescape(plugin .. '/../../examples/blog.cstack'))
  local function group_at(text)
    local line, col = find(0, text)
    return vim.fn.synIDattr(vim.fn.synID(line + 1, col + 1, 1), 'name')
  end
  eq(vim.bo.syntax, 'cstack', 'syntax')
  eq(group_at('model Author'), 'cstackDeclaration', 'model keyword')
  eq(group_at('@unique'), 'cstackAttribute', 'attribute')
  eq(group_at('/// A person'), 'cstackDocComment', 'doc comment')
  eq(group_at('autoincrement'), 'cstackBuiltinFunction', 'built-in function')
  vim.cmd('bwipeout!')
end)

check('lsp/cstack.lua describes the server for vim.lsp.enable', function()
  local cfg = dofile(plugin .. '/lsp/cstack.lua')
  eq(cfg.cmd, { 'cstack-lsp' }, 'cmd')
  eq(cfg.filetypes, { 'cstack' }, 'filetypes')
  expect(vim.tbl_contains(cfg.root_markers, '.git'), 'root markers include .git')
end)

check('the workspace root is the nearest directory with a root marker', function()
  local config = require('cstack.config')
  eq(config.find_root(schema), workspace, 'root of the fixture (it has a .git directory)')
  local nested = scratch .. '/no-markers/deeper'
  vim.fn.mkdir(nested, 'p')
  -- No marker above the scratch dir's own tree: the file's directory.
  expect(config.find_root(nested .. '/x.cstack', { 'no-such-marker' }) == nested, 'fallback is the file directory')
end)

check(':CstackBuildParser builds a parser from tree-sitter-cstack/src that this Neovim loads', function()
  eq(vim.fn.exists(':CstackBuildParser'), 2, ':CstackBuildParser is defined')
  local parser_mod = require('cstack.parser')
  local output = scratch .. '/parser/cstack.so'
  local ok, message = parser_mod.build({ output = output })
  expect(ok, message)
  expect(vim.fn.filereadable(output) == 1, 'no library at ' .. output)
  expect(vim.fn.filereadable(output .. '.partial') == 0, 'a partial library was left behind')
  local loaded, err = parser_mod.load(output)
  expect(loaded, 'the built parser does not load: ' .. tostring(err))
end)

check('a broken grammar directory gives a clear error and no library', function()
  local parser_mod = require('cstack.parser')
  local output = scratch .. '/broken/cstack.so'
  local ok, message = parser_mod.build({ grammar_dir = scratch .. '/nowhere', output = output })
  expect(not ok, 'build succeeded without a grammar')
  expect(message:find('no generated parser', 1, true), message)
  expect(vim.fn.filereadable(output) == 0, 'a library was written')
end)

check('the committed queries compile and highlight a schema', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(plugin .. '/../../examples/blog.cstack'))
  local bufnr = vim.api.nvim_get_current_buf()
  local tree = vim.treesitter.get_parser(bufnr, 'cstack'):parse()[1]
  expect(not tree:root():has_error(), 'the example schema parses with errors')
  for _, name in ipairs({ 'highlights', 'injections', 'folds', 'indents', 'locals' }) do
    local ok, query = pcall(get_query, 'cstack', name)
    expect(ok and query, name .. '.scm does not compile: ' .. tostring(query))
  end
  local query = get_query('cstack', 'highlights')
  local line = find(bufnr, 'model Author')
  local captures = {}
  for id, node in query:iter_captures(tree:root(), bufnr, line, line + 1) do
    local text = get_node_text(node, bufnr)
    captures[text] = captures[text] or {}
    table.insert(captures[text], query.captures[id])
  end
  expect(vim.tbl_contains(captures['model'] or {}, 'keyword.type'), 'model: ' .. vim.inspect(captures))
  expect(vim.tbl_contains(captures['Author'] or {}, 'type.definition'), 'Author: ' .. vim.inspect(captures))
  expect(require('cstack.parser').highlight(bufnr), 'tree-sitter highlighting did not start')
  vim.cmd('bwipeout!')
end)

check('the injections query hands the SQL body of a view, without its quotes, to sql', function()
  vim.cmd('edit ' .. vim.fn.fnameescape(plugin .. '/../../examples/blog.cstack'))
  local bufnr = vim.api.nvim_get_current_buf()
  local tree = vim.treesitter.get_parser(bufnr, 'cstack'):parse()[1]
  local query = get_query('cstack', 'injections')
  local ranges = {}
  for _, match, metadata in query:iter_matches(tree:root(), bufnr, 0, -1) do
    if metadata['injection.language'] == 'sql' then
      for id, name in ipairs(query.captures) do
        if name == 'injection.content' and match[id] then
          -- 0.7 keeps the `#offset!` range in `content`, later versions per capture.
          local range = (metadata[id] and metadata[id].range) or (metadata.content and metadata.content[1])
          table.insert(ranges, range)
        end
      end
    end
  end
  local open_line, open_col = find(bufnr, '@@sql("""')
  local close_line = find(bufnr, '  """)')
  eq(ranges, { { open_line, open_col + #'@@sql("""', close_line, 2 } }, 'SQL body ranges')
  vim.cmd('bwipeout!')
end)

-- ---------------------------------------------------------------------------
-- The language server, through Neovim's client.

require('cstack').setup({ cmd = { server } })
vim.cmd('edit ' .. vim.fn.fnameescape(schema))
local bufnr = vim.api.nvim_get_current_buf()

check('setup() attaches cstack-lsp to a cstack buffer', function()
  local attached = vim.wait(timeout_ms, function()
    for _, client in ipairs(cstack_clients(bufnr)) do
      if client.initialized then
        return true
      end
    end
    return false
  end, 20)
  expect(attached, 'no initialized cstack client on the buffer')
  local client = cstack_clients(bufnr)[1]
  eq(client.config.root_dir, workspace, 'root directory')
  eq(client.config.cmd, { server }, 'command')
  if modern then
    -- Neovim 0.11+: setup() went through vim.lsp.config, which found lsp/cstack.lua.
    eq(vim.lsp.config.cstack.root_markers, require('cstack.config').root_markers, 'root markers from lsp/cstack.lua')
  end
end)

check('attach() on another buffer of the workspace reuses the running client', function()
  local before = cstack_clients(bufnr)
  eq(#before, 1, 'clients on the schema buffer')
  local other = workspace .. '/second.cstack'
  vim.fn.writefile({ 'enum Status {', '  Draft', '}' }, other)
  vim.cmd('edit ' .. vim.fn.fnameescape(other))
  local other_buf = vim.api.nvim_get_current_buf()
  -- On 0.8+ this goes through vim.lsp.start, on 0.7 through start_client.
  local id = require('cstack').attach(other_buf)
  eq(id, before[1].id, 'client id')
  local attached = vim.wait(timeout_ms, function()
    return #cstack_clients(other_buf) == 1
  end, 20)
  expect(attached, 'the second buffer has no client')
  vim.cmd('buffer ' .. bufnr)
end)

check('diagnostics for every error arrive, with codes and positions', function()
  local got = vim.wait(timeout_ms, function()
    return #vim.diagnostic.get(bufnr) >= 2
  end, 20)
  local diagnostics = vim.diagnostic.get(bufnr)
  expect(got, 'expected at least two diagnostics, got ' .. vim.inspect(diagnostics))
  local by_line = {}
  for _, d in ipairs(diagnostics) do
    by_line[d.lnum] = d
    expect(diagnostic_code(d) ~= nil, 'a diagnostic without a code: ' .. vim.inspect(d))
  end
  local type_line, type_col = find(bufnr, 'Integr')
  local unknown_type = by_line[type_line]
  expect(unknown_type, 'no diagnostic on the unknown type line: ' .. vim.inspect(diagnostics))
  expect(unknown_type.message:find('Integr', 1, true), unknown_type.message)
  eq(unknown_type.col, type_col, 'column of the unknown type')
  eq(unknown_type.severity, vim.diagnostic.severity.ERROR, 'severity')
  eq(diagnostic_code(unknown_type), 'E1006', 'code of the unknown type')
  local attr_line = find(bufnr, '@uniqe')
  local unknown_attr = by_line[attr_line]
  expect(unknown_attr, 'no diagnostic on the unknown attribute line: ' .. vim.inspect(diagnostics))
  expect(unknown_attr.message:find('uniqe', 1, true), unknown_attr.message)
  eq(diagnostic_code(unknown_attr), 'E3001', 'code of the unknown attribute')
end)

check('hover on a model reference shows the model and its doc comment', function()
  local line, col = find(bufnr, 'author Author')
  local result = request(bufnr, 'textDocument/hover', position_params(bufnr, line, col + #'author ' + 1))
  local text = hover_text(result)
  expect(text:find('Author', 1, true), 'hover: ' .. text)
  expect(text:find('A person who writes posts.', 1, true), 'hover lacks the doc comment: ' .. text)
end)

check('definition of a model reference is the model declaration', function()
  local line, col = find(bufnr, 'author Author')
  local result = request(bufnr, 'textDocument/definition', position_params(bufnr, line, col + #'author ' + 1))
  expect(result ~= nil, 'definition returned nothing')
  local location = result[1] or result
  local uri = location.uri or location.targetUri
  local range = location.range or location.targetSelectionRange
  eq(vim.uri_to_fname(uri), vim.fn.resolve(schema), 'file')
  local decl_line = find(bufnr, 'model Author')
  eq(range.start.line, decl_line, 'line of the declaration')
end)

check('an edit that fixes the errors clears their diagnostics', function()
  local function stale()
    local found = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.message:find('Integr', 1, true) or d.message:find('uniqe', 1, true) then
        table.insert(found, d.message)
      end
    end
    return found
  end
  eq(#stale(), 2, 'diagnostics on the two errors before the edit')
  local type_line = find(bufnr, 'Integr')
  vim.api.nvim_buf_set_lines(bufnr, type_line, type_line + 1, false, { '  rating Int' })
  local attr_line = find(bufnr, '@uniqe')
  vim.api.nvim_buf_set_lines(bufnr, attr_line, attr_line + 1, false, { '  title String @unique' })
  local cleared = vim.wait(timeout_ms, function()
    return #stale() == 0
  end, 20)
  expect(cleared, 'stale diagnostics: ' .. vim.inspect(vim.diagnostic.get(bufnr)))
end)

check(':checkhealth cstack finds the server and the parser', function()
  vim.cmd('silent checkhealth cstack')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  vim.cmd('bwipeout!')
  vim.cmd('buffer ' .. bufnr)
  expect(text:find(server .. ' is executable: cstack-lsp', 1, true), text)
  expect(text:find('the cstack parser loads', 1, true), text)
  expect(not text:find('ERROR', 1, true), text)
end)

check('the server shuts down cleanly when the client stops', function()
  local clients = cstack_clients(bufnr)
  expect(#clients > 0, 'no client to stop')
  for _, client in ipairs(clients) do
    vim.lsp.stop_client(client.id)
  end
  local stopped = vim.wait(timeout_ms, function()
    for _, client in ipairs(clients) do
      if not is_stopped(client) then
        return false
      end
    end
    return true
  end, 20)
  expect(stopped, 'the server did not exit after shutdown')
end)

out(string.format('%d passed, %d failed', passed, failed))
if failed > 0 then
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
