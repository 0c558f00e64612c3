-- `require('cstack').setup(opts)`: starts cstack-lsp for `cstack` buffers on
-- any Neovim from 0.7 on, and registers `:CstackBuildParser`.
--
-- On Neovim 0.11+ `vim.lsp.enable('cstack')` with `lsp/cstack.lua` does the
-- same; `setup()` then just uses that mechanism. On 0.8-0.10 it calls
-- `vim.lsp.start` on each `FileType cstack`, and on 0.7 (which has neither)
-- it keeps one client per workspace root with `vim.lsp.start_client` and
-- attaches each buffer with `vim.lsp.buf_attach_client`.
local config = require('cstack.config')

local M = {}

-- Clients started by the 0.7 path, keyed by root directory.
local clients_by_root = {}

local function merged_config(opts)
  local cfg = config.defaults()
  for key, value in pairs(opts or {}) do
    if key ~= 'treesitter' then
      cfg[key] = value
    end
  end
  return cfg
end

-- The settings of `vim.lsp.start_client` / `vim.lsp.start` for one buffer.
local function client_config(cfg, bufnr)
  local root = config.find_root(vim.api.nvim_buf_get_name(bufnr), cfg.root_markers)
  return {
    name = 'cstack',
    cmd = cfg.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    capabilities = cfg.capabilities or vim.lsp.protocol.make_client_capabilities(),
    on_attach = cfg.on_attach,
    settings = cfg.settings,
    init_options = cfg.init_options,
    handlers = cfg.handlers,
  }
end

local function start_legacy(cfg, bufnr)
  local settings = client_config(cfg, bufnr)
  local id = clients_by_root[settings.root_dir]
  if id == nil or vim.lsp.get_client_by_id(id) == nil or vim.lsp.client_is_stopped(id) then
    id = vim.lsp.start_client(settings)
    if id == nil then
      vim.notify('cstack: could not start ' .. table.concat(cfg.cmd, ' '), vim.log.levels.ERROR)
      return nil
    end
    clients_by_root[settings.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

-- Starts (or reuses) the client for `bufnr`; returns its id.
function M.attach(bufnr, opts)
  local cfg = merged_config(opts or M.options)
  if vim.lsp.start then
    return vim.lsp.start(client_config(cfg, bufnr), { bufnr = bufnr })
  end
  return start_legacy(cfg, bufnr)
end

-- Options: any field of the LSP configuration (`cmd`, `root_markers`,
-- `on_attach`, `capabilities`, `settings`, ...), plus `treesitter` (default
-- true): start tree-sitter highlighting in `cstack` buffers when the parser
-- has been built (`:CstackBuildParser`).
function M.setup(opts)
  M.options = opts or {}
  local parser = require('cstack.parser')
  parser.register_command()

  local use_native = vim.lsp.config ~= nil and vim.lsp.enable ~= nil
  if use_native then
    vim.lsp.config('cstack', merged_config(M.options))
    vim.lsp.enable('cstack')
  end

  local function on_buffer(bufnr)
    if not use_native then
      M.attach(bufnr, M.options)
    end
    if M.options.treesitter ~= false then
      parser.highlight(bufnr)
    end
  end

  local group = vim.api.nvim_create_augroup('cstack', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'cstack',
    callback = function(args)
      on_buffer(args.buf)
    end,
  })
  -- Buffers that were already open when setup() ran.
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].filetype == 'cstack' then
      on_buffer(bufnr)
    end
  end
end

return M
