//! Storefront reads (home, search, reviews, news, partners, ads, help), leads (consult and trial
//! tickets) and the operator's catalog and content console.

use rc_types::catalog::{
    AdminSolution, AdminSolutionQuery, AdminSolutionRow, ListSolutionsQuery, Review, SearchResults,
    SolutionInput, SuggestQuery, Suggestion,
};
use rc_types::storefront::{
    Ad, AdInput, Banner, BannerInput, Brand, BrandInput, HelpPage, HelpPageInput, HelpPageSource,
    HelpPageSummary, HomePage, Media, NewsArticle, NewsInput, NewsSource, NewsSummary, OperatorContact,
    Partner, PartnerInput,
};
use rc_types::tickets::{
    ConsultInput, TicketAssignee, TicketDetail, TicketMessage, TicketQuery, TicketReceipt, TicketSummary,
    TicketUpdate, TrialInput,
};
use rc_types::{Page, PageQuery};
use reqwest::Method;
use reqwest::multipart::{Form, Part};

use crate::{Client, ClientError, Upload};

impl Client {
    async fn put<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> Result<T, ClientError> {
        Self::send(self.request(Method::PUT, path).json(body)).await
    }

    async fn delete(&self, path: &str) -> Result<(), ClientError> {
        Self::send_empty(self.request(Method::DELETE, path)).await
    }

    pub(crate) async fn bytes(&self, path: &str) -> Result<Vec<u8>, ClientError> {
        let response = self
            .request(Method::GET, path)
            .send()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?;
        if !response.status().is_success() {
            return Err(crate::error_of(response).await);
        }
        Ok(response
            .bytes()
            .await
            .map_err(|e| ClientError::Transport(e.to_string()))?
            .to_vec())
    }

    /// `GET /api/v1/storefront/home` — banners, hot solutions, news, partners and ads in one call.
    pub async fn get_home(&self) -> Result<HomePage, ClientError> {
        self.get("/storefront/home", &()).await
    }

    /// `GET /api/v1/storefront/contact` — who answers consults and trials, and how soon.
    pub async fn get_operator_contact(&self) -> Result<OperatorContact, ClientError> {
        self.get("/storefront/contact", &()).await
    }

    /// `GET /api/v1/search` — keyword search (Chinese and English) with the list's filters.
    pub async fn search_solutions(&self, query: &ListSolutionsQuery) -> Result<SearchResults, ClientError> {
        self.get("/search", query).await
    }

    /// `GET /api/v1/search/suggest` — type-ahead suggestions.
    pub async fn suggest_solutions(&self, typed: &str) -> Result<Vec<Suggestion>, ClientError> {
        self.get("/search/suggest", &SuggestQuery { q: typed.to_owned() })
            .await
    }

    /// `GET /api/v1/solutions/{id}/reviews` — reviews, newest first.
    pub async fn list_reviews(&self, solution_id: i64, page: PageQuery) -> Result<Page<Review>, ClientError> {
        self.get(&format!("/solutions/{solution_id}/reviews"), &page)
            .await
    }

    /// `GET /api/v1/news` — published news, newest first.
    pub async fn list_news(&self, page: PageQuery) -> Result<Page<NewsSummary>, ClientError> {
        self.get("/news", &page).await
    }

    /// `GET /api/v1/news/{id}` — a published article.
    pub async fn get_news(&self, id: i64) -> Result<NewsArticle, ClientError> {
        self.get(&format!("/news/{id}"), &()).await
    }

    /// `GET /api/v1/partners` — the partners wall.
    pub async fn list_partners(&self) -> Result<Vec<Partner>, ClientError> {
        self.get("/partners", &()).await
    }

    /// `GET /api/v1/ads` — published ads of every slot.
    pub async fn list_ads(&self) -> Result<Vec<Ad>, ClientError> {
        self.get("/ads", &()).await
    }

    /// `GET /api/v1/help` — the help center's table of contents.
    pub async fn list_help(&self) -> Result<Vec<HelpPageSummary>, ClientError> {
        self.get("/help", &()).await
    }

    /// `GET /api/v1/help/{slug}` — a help page, rendered.
    pub async fn get_help(&self, slug: &str) -> Result<HelpPage, ClientError> {
        self.get(&format!("/help/{slug}"), &()).await
    }

    /// `GET /api/v1/media/{id}` — an uploaded image's bytes.
    pub async fn download_media(&self, id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/media/{id}")).await
    }

    /// `POST /api/v1/tickets/consult` — a consult ticket with an optional attachment.
    pub async fn create_consult(
        &self,
        input: &ConsultInput,
        attachment: Option<Upload>,
    ) -> Result<TicketReceipt, ClientError> {
        let json = serde_json::to_string(input).map_err(|e| ClientError::Decode(e.to_string()))?;
        let mut form = Form::new().text("ticket", json);
        if let Some(file) = attachment {
            form = form.part("attachment", Part::bytes(file.bytes).file_name(file.file_name));
        }
        Self::send(self.request(Method::POST, "/tickets/consult").multipart(form)).await
    }

    /// `POST /api/v1/tickets/trial` — a trial request.
    pub async fn create_trial(&self, input: &TrialInput) -> Result<TicketReceipt, ClientError> {
        self.post("/tickets/trial", input).await
    }

    /// `GET /api/v1/me/tickets` — the signed-in user's tickets.
    pub async fn list_my_tickets(&self, query: &TicketQuery) -> Result<Page<TicketSummary>, ClientError> {
        self.get("/me/tickets", query).await
    }

    /// `GET /api/v1/me/tickets/{id}` — one of the user's tickets with the operator's replies.
    pub async fn get_my_ticket(&self, id: i64) -> Result<TicketDetail, ClientError> {
        self.get(&format!("/me/tickets/{id}"), &()).await
    }

    /// `GET /api/v1/me/tickets/{id}/attachment` — the file attached to one of the user's tickets.
    pub async fn download_my_ticket_attachment(&self, id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/me/tickets/{id}/attachment")).await
    }

    /// `GET /api/v1/admin/tickets` — the operator's ticket queue.
    pub async fn list_tickets(&self, query: &TicketQuery) -> Result<Page<TicketSummary>, ClientError> {
        self.get("/admin/tickets", query).await
    }

    /// `GET /api/v1/admin/tickets/{id}` — a ticket with notes and replies.
    pub async fn get_ticket(&self, id: i64) -> Result<TicketDetail, ClientError> {
        self.get(&format!("/admin/tickets/{id}"), &()).await
    }

    /// `PUT /api/v1/admin/tickets/{id}` — status and assignee.
    pub async fn update_ticket(&self, id: i64, update: &TicketUpdate) -> Result<TicketDetail, ClientError> {
        self.put(&format!("/admin/tickets/{id}"), update).await
    }

    /// `POST /api/v1/admin/tickets/{id}/messages` — an internal note or an emailed reply.
    pub async fn create_ticket_message(
        &self,
        id: i64,
        message: &TicketMessage,
    ) -> Result<TicketDetail, ClientError> {
        self.post(&format!("/admin/tickets/{id}/messages"), message).await
    }

    /// `GET /api/v1/admin/tickets/{id}/attachment` — the attached file.
    pub async fn download_ticket_attachment(&self, id: i64) -> Result<Vec<u8>, ClientError> {
        self.bytes(&format!("/admin/tickets/{id}/attachment")).await
    }

    /// `GET /api/v1/admin/tickets/assignees` — operator staff who can take tickets.
    pub async fn list_ticket_assignees(&self) -> Result<Vec<TicketAssignee>, ClientError> {
        self.get("/admin/tickets/assignees", &()).await
    }

    /// `GET /api/v1/admin/solutions` — every solution, drafts included.
    pub async fn list_admin_solutions(
        &self,
        query: &AdminSolutionQuery,
    ) -> Result<Page<AdminSolutionRow>, ClientError> {
        self.get("/admin/solutions", query).await
    }

    /// `POST /api/v1/admin/solutions` — creates a draft.
    pub async fn create_solution(&self, input: &SolutionInput) -> Result<AdminSolution, ClientError> {
        self.post("/admin/solutions", input).await
    }

    /// `GET /api/v1/admin/solutions/{id}` — a solution as the operator edits it.
    pub async fn get_admin_solution(&self, id: i64) -> Result<AdminSolution, ClientError> {
        self.get(&format!("/admin/solutions/{id}"), &()).await
    }

    /// `PUT /api/v1/admin/solutions/{id}` — replaces the editable fields.
    pub async fn update_solution(
        &self,
        id: i64,
        input: &SolutionInput,
    ) -> Result<AdminSolution, ClientError> {
        self.put(&format!("/admin/solutions/{id}"), input).await
    }

    /// `POST /api/v1/admin/solutions/{id}/publish` — puts a solution on the storefront.
    pub async fn publish_solution(&self, id: i64) -> Result<AdminSolution, ClientError> {
        self.post(&format!("/admin/solutions/{id}/publish"), &()).await
    }

    /// `POST /api/v1/admin/solutions/{id}/unpublish` — takes a solution off the storefront.
    pub async fn unpublish_solution(&self, id: i64) -> Result<AdminSolution, ClientError> {
        self.post(&format!("/admin/solutions/{id}/unpublish"), &()).await
    }

    /// `POST /api/v1/admin/media` — uploads an image (checked by content).
    pub async fn upload_media(&self, file: Upload) -> Result<Media, ClientError> {
        let form = Form::new().part("file", Part::bytes(file.bytes).file_name(file.file_name));
        Self::send(self.request(Method::POST, "/admin/media").multipart(form)).await
    }

    /// `GET /api/v1/admin/banners`.
    pub async fn list_admin_banners(&self) -> Result<Vec<Banner>, ClientError> {
        self.get("/admin/banners", &()).await
    }

    /// `POST /api/v1/admin/banners`.
    pub async fn create_banner(&self, input: &BannerInput) -> Result<Banner, ClientError> {
        self.post("/admin/banners", input).await
    }

    /// `PUT /api/v1/admin/banners/{id}`.
    pub async fn update_banner(&self, id: i64, input: &BannerInput) -> Result<Banner, ClientError> {
        self.put(&format!("/admin/banners/{id}"), input).await
    }

    /// `DELETE /api/v1/admin/banners/{id}`.
    pub async fn delete_banner(&self, id: i64) -> Result<(), ClientError> {
        self.delete(&format!("/admin/banners/{id}")).await
    }

    /// `GET /api/v1/admin/ads`.
    pub async fn list_admin_ads(&self) -> Result<Vec<Ad>, ClientError> {
        self.get("/admin/ads", &()).await
    }

    /// `POST /api/v1/admin/ads`.
    pub async fn create_ad(&self, input: &AdInput) -> Result<Ad, ClientError> {
        self.post("/admin/ads", input).await
    }

    /// `PUT /api/v1/admin/ads/{id}`.
    pub async fn update_ad(&self, id: i64, input: &AdInput) -> Result<Ad, ClientError> {
        self.put(&format!("/admin/ads/{id}"), input).await
    }

    /// `DELETE /api/v1/admin/ads/{id}`.
    pub async fn delete_ad(&self, id: i64) -> Result<(), ClientError> {
        self.delete(&format!("/admin/ads/{id}")).await
    }

    /// `GET /api/v1/admin/partners`.
    pub async fn list_admin_partners(&self) -> Result<Vec<Partner>, ClientError> {
        self.get("/admin/partners", &()).await
    }

    /// `POST /api/v1/admin/partners`.
    pub async fn create_partner(&self, input: &PartnerInput) -> Result<Partner, ClientError> {
        self.post("/admin/partners", input).await
    }

    /// `PUT /api/v1/admin/partners/{id}`.
    pub async fn update_partner(&self, id: i64, input: &PartnerInput) -> Result<Partner, ClientError> {
        self.put(&format!("/admin/partners/{id}"), input).await
    }

    /// `DELETE /api/v1/admin/partners/{id}`.
    pub async fn delete_partner(&self, id: i64) -> Result<(), ClientError> {
        self.delete(&format!("/admin/partners/{id}")).await
    }

    /// `GET /api/v1/admin/brands`.
    pub async fn list_admin_brands(&self) -> Result<Vec<Brand>, ClientError> {
        self.get("/admin/brands", &()).await
    }

    /// `POST /api/v1/admin/brands`.
    pub async fn create_brand(&self, input: &BrandInput) -> Result<Brand, ClientError> {
        self.post("/admin/brands", input).await
    }

    /// `PUT /api/v1/admin/brands/{id}`.
    pub async fn update_brand(&self, id: i64, input: &BrandInput) -> Result<Brand, ClientError> {
        self.put(&format!("/admin/brands/{id}"), input).await
    }

    /// `DELETE /api/v1/admin/brands/{id}`.
    pub async fn delete_brand(&self, id: i64) -> Result<(), ClientError> {
        self.delete(&format!("/admin/brands/{id}")).await
    }

    /// `GET /api/v1/admin/news` — news, drafts included.
    pub async fn list_admin_news(&self, page: PageQuery) -> Result<Page<NewsSummary>, ClientError> {
        self.get("/admin/news", &page).await
    }

    /// `GET /api/v1/admin/news/{id}` — markdown source.
    pub async fn get_news_source(&self, id: i64) -> Result<NewsSource, ClientError> {
        self.get(&format!("/admin/news/{id}"), &()).await
    }

    /// `POST /api/v1/admin/news`.
    pub async fn create_news(&self, input: &NewsInput) -> Result<NewsSource, ClientError> {
        self.post("/admin/news", input).await
    }

    /// `PUT /api/v1/admin/news/{id}`.
    pub async fn update_news(&self, id: i64, input: &NewsInput) -> Result<NewsSource, ClientError> {
        self.put(&format!("/admin/news/{id}"), input).await
    }

    /// `DELETE /api/v1/admin/news/{id}`.
    pub async fn delete_news(&self, id: i64) -> Result<(), ClientError> {
        self.delete(&format!("/admin/news/{id}")).await
    }

    /// `GET /api/v1/admin/help` — help pages, drafts included.
    pub async fn list_admin_help(&self) -> Result<Vec<HelpPageSummary>, ClientError> {
        self.get("/admin/help", &()).await
    }

    /// `GET /api/v1/admin/help/{id}` — markdown source.
    pub async fn get_help_source(&self, id: i64) -> Result<HelpPageSource, ClientError> {
        self.get(&format!("/admin/help/{id}"), &()).await
    }

    /// `POST /api/v1/admin/help`.
    pub async fn create_help(&self, input: &HelpPageInput) -> Result<HelpPageSource, ClientError> {
        self.post("/admin/help", input).await
    }

    /// `PUT /api/v1/admin/help/{id}`.
    pub async fn update_help(&self, id: i64, input: &HelpPageInput) -> Result<HelpPageSource, ClientError> {
        self.put(&format!("/admin/help/{id}"), input).await
    }

    /// `DELETE /api/v1/admin/help/{id}`.
    pub async fn delete_help(&self, id: i64) -> Result<(), ClientError> {
        self.delete(&format!("/admin/help/{id}")).await
    }

    /// `PUT /api/v1/admin/settings/contact` — the contact card shown after consults and trials.
    pub async fn update_operator_contact(
        &self,
        contact: &OperatorContact,
    ) -> Result<OperatorContact, ClientError> {
        self.put("/admin/settings/contact", contact).await
    }
}
