-- `:checkhealth cstack`: is the server runnable, is the tree-sitter parser
-- built and loadable by this Neovim, and which LSP path `setup()` takes.
local M = {}

-- `vim.health` from 0.8 on (0.10 renamed its functions); the `health` module
-- with `report_*` functions before.
local health = vim.health or require('health')
local start = health.start or health.report_start
local ok = health.ok or health.report_ok
local warn = health.warn or health.report_warn
local error = health.error or health.report_error
local info = health.info or health.report_info

function M.check()
  start('cstack-lsp')
  local cmd
  if vim.lsp.config and vim.lsp.enable then
    -- What vim.lsp.enable will run: lsp/cstack.lua merged with any vim.lsp.config('cstack', ...).
    cmd = vim.lsp.config.cstack.cmd
  else
    cmd = (require('cstack').options or {}).cmd or require('cstack.config').defaults().cmd
  end
  if vim.fn.executable(cmd[1]) == 1 then
    local version = vim.fn.system({ cmd[1], '--version' })
    ok(string.format('%s is executable: %s', cmd[1], vim.trim(version)))
  else
    error(cmd[1] .. ' is not executable', { 'cargo install --path lsp (from the cstack repository)', 'or pass cmd = { ... } to setup()' })
  end
  if vim.lsp.config and vim.lsp.enable then
    info('Neovim 0.11+: lsp/cstack.lua with vim.lsp.enable("cstack")')
  elseif vim.lsp.start then
    info('setup() starts the server with vim.lsp.start')
  else
    info('setup() starts the server with vim.lsp.start_client (Neovim 0.7)')
  end

  start('tree-sitter parser')
  local parser = require('cstack.parser')
  local loaded, err = parser.load()
  if loaded then
    ok('the cstack parser loads (this Neovim reads tree-sitter ABI <= ' .. vim.treesitter.language_version .. ')')
  else
    warn('the cstack parser is not built or does not load: ' .. tostring(err), { ':CstackBuildParser' })
  end
  local source_abi = parser.source_abi(parser.default_grammar_dir() .. '/src/parser.c')
  if source_abi and source_abi > vim.treesitter.language_version then
    if vim.fn.executable('tree-sitter') == 1 then
      info(string.format('the committed parser is ABI %d; :CstackBuildParser regenerates it at ABI %d with the tree-sitter CLI', source_abi, vim.treesitter.language_version))
    else
      warn(string.format('the committed parser is ABI %d and this Neovim loads ABI <= %d', source_abi, vim.treesitter.language_version), { 'cargo install tree-sitter-cli, then :CstackBuildParser', 'or use Neovim 0.11+' })
    end
  end
end

return M
